package dmsrunbook.spec;

/**
 * What a MySQL {@code enum} column becomes on PostgreSQL: an enum type of its own ({@code type}, the default, as
 * pgloader does: named {@code <table>_<column>}), or {@code text} with a check constraint listing the labels
 * ({@code check}: a plain text column, for loaders and applications that bind strings to it).
 */
public enum EnumConversion implements SpecValue {
    TYPE("type"),
    CHECK("check");

    private final String value;

    EnumConversion(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }
}
