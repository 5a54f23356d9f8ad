package dmsrunbook.lake.commit;

/** Thrown when another invocation committed the table first (the conditional PUT failed): re-read and redo. */
public final class ManifestConflictException extends RuntimeException {

    public ManifestConflictException(String key) {
        super("manifest " + key + " changed since it was read: another invocation committed first");
    }
}
