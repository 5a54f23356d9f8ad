package dmsrunbook.spec;

/** Whether a person approves the cutover (the default) or it follows the sync at once. */
public enum CutoverPolicy implements SpecValue {
    APPROVAL("approval"),
    AUTO("auto");

    private final String value;

    CutoverPolicy(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }
}
