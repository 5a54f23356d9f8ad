package dmsrunbook.lake.commit;

import dmsrunbook.error.RetryableException;

/**
 * Thrown when another invocation committed the table first (the conditional PUT of the manifest failed, or the manifest
 * changed while a round was planned): the round is read again and redone, up to a limit
 * ({@link CommitContendedException} after that).
 */
public final class ManifestConflictException extends RetryableException {

    public ManifestConflictException(String key) {
        super("manifest " + key + " changed since it was read: another invocation committed first",
                "Nothing to do: the commit is redone on the newer manifest.", null);
    }
}
