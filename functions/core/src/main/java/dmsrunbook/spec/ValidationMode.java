package dmsrunbook.spec;

/**
 * How thoroughly a table's data is compared: {@code counts} (row counts only), {@code checksums} (the default: count
 * and checksum per key range inside each database, the rows of differing ranges fetched and compared), or {@code rows}
 * (every row fetched from both sides and compared, for when checksums are not trusted).
 */
public enum ValidationMode implements SpecValue {
    COUNTS("counts"),
    CHECKSUMS("checksums"),
    ROWS("rows");

    private final String value;

    ValidationMode(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }
}
