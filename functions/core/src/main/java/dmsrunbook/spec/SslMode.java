package dmsrunbook.spec;

/** DMS's SSL modes; the preflight connects with the same mode DMS will use. */
public enum SslMode implements SpecValue {
    NONE("none"),
    REQUIRE("require"),
    VERIFY_CA("verify-ca"),
    VERIFY_FULL("verify-full");

    private final String value;

    SslMode(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }
}
