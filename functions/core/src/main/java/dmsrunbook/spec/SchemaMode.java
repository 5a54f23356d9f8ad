package dmsrunbook.spec;

/**
 * What the workflow does about the target's schema: create it from the source's ({@code apply}: pre-data before the
 * load, post-data after it), compare it with the source's and stop on a difference ({@code verify}), or leave it to the
 * user and the engine ({@code none}).
 */
public enum SchemaMode implements SpecValue {
    APPLY("apply"),
    VERIFY("verify"),
    NONE("none");

    private final String value;

    SchemaMode(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    /** Whether the workflow makes sure the target's schema is the source's (so DMS must leave the tables as they are). */
    public boolean preparesTarget() {
        return this != NONE;
    }
}
