package dmsrunbook.spec;

/**
 * What to do when the replication task already exists and has run before (a re-run of the same migration):
 * continue where it stopped (the default), or reload the target from scratch, which a person must ask for.
 */
public enum RestartMode implements SpecValue {
    RESUME("resume"),
    RELOAD_TARGET("reload-target");

    private final String value;

    RestartMode(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }
}
