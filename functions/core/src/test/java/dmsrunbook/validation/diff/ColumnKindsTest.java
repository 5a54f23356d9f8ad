package dmsrunbook.validation.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A column's types on the two sides pair into one way of comparing it, as DMS maps types between engines. */
class ColumnKindsTest {

    @Test
    void tinyintOne_againstBoolean_isABoolean_butAgainstAnInteger_anInteger() {
        assertThat(resolve(type("tinyint(1)", TypeFamily.TINYINT_ONE), type("boolean", TypeFamily.BOOLEAN)).kind()).isEqualTo(ValueKind.BOOLEAN);
        assertThat(resolve(type("tinyint(1)", TypeFamily.TINYINT_ONE), type("smallint", TypeFamily.INTEGER)).kind()).isEqualTo(ValueKind.INTEGER);
    }

    @Test
    void decimals_renderAtTheLargerDeclaredScale_orTrimmedWhenEitherIsUnconstrained() {
        assertThat(resolve(decimal(4), decimal(2))).isEqualTo(new ColumnKinds.Resolved(ValueKind.DECIMAL, 4, false));
        assertThat(resolve(type("int", TypeFamily.INTEGER), decimal(2))).isEqualTo(new ColumnKinds.Resolved(ValueKind.DECIMAL, 2, false));
        assertThat(resolve(decimal(null), decimal(2)).scale()).isNull();
        assertThat(resolve(type("bigint", TypeFamily.INTEGER), type("int", TypeFamily.INTEGER)).kind()).isEqualTo(ValueKind.INTEGER);
    }

    @Test
    void floats_compareAtSinglePrecision_whenEitherSideIsSingle() {
        assertThat(resolve(type("float", TypeFamily.FLOAT4), type("double precision", TypeFamily.FLOAT8)))
                .isEqualTo(new ColumnKinds.Resolved(ValueKind.FLOAT, null, true));
        assertThat(resolve(type("double", TypeFamily.FLOAT8), type("numeric(10,2)", TypeFamily.DECIMAL)).kind()).isEqualTo(ValueKind.FLOAT);
    }

    @Test
    void jsonStoredAsText_againstJsonb_isJson_andUuidAgainstText_isAUuid() {
        assertThat(resolve(type("longtext", TypeFamily.TEXT), type("jsonb", TypeFamily.JSON)).kind()).isEqualTo(ValueKind.JSON);
        assertThat(resolve(type("char(36)", TypeFamily.TEXT), type("uuid", TypeFamily.UUID)).kind()).isEqualTo(ValueKind.UUID);
    }

    @Test
    void typesOfUnrelatedFamilies_areComparedAsText() {
        assertThat(resolve(type("date", TypeFamily.DATE), type("timestamp", TypeFamily.TIMESTAMP)).kind()).isEqualTo(ValueKind.OTHER);
        assertThat(resolve(type("boolean", TypeFamily.BOOLEAN), type("text", TypeFamily.TEXT)).kind()).isEqualTo(ValueKind.OTHER);
        assertThat(resolve(type("datetime(6)", TypeFamily.TIMESTAMP), type("timestamptz", TypeFamily.TIMESTAMP)).kind())
                .isEqualTo(ValueKind.TIMESTAMP);
    }

    private static ColumnKinds.Resolved resolve(ColumnType source, ColumnType target) {
        return ColumnKinds.resolve(source, target);
    }

    private static ColumnType type(String declared, TypeFamily family) {
        return new ColumnType(declared, family, null, true);
    }

    private static ColumnType decimal(Integer scale) {
        return new ColumnType(scale == null ? "numeric" : "numeric(14," + scale + ")", TypeFamily.DECIMAL, scale, true);
    }
}
