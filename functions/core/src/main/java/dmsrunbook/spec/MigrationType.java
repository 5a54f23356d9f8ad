package dmsrunbook.spec;

/** DMS's migration types: copy once, copy then stream changes, or stream changes only. */
public enum MigrationType implements SpecValue {
    FULL_LOAD("full-load"),
    FULL_LOAD_AND_CDC("full-load-and-cdc"),
    CDC("cdc");

    private final String value;

    MigrationType(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    public boolean capturesChanges() {
        return this != FULL_LOAD;
    }

    public boolean loadsFully() {
        return this != CDC;
    }
}
