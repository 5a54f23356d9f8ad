package dmsrunbook.validation.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cells compare by value: floats within the tolerance, JSON whatever its key order and spacing, NULL only to NULL. */
class CellComparisonTest {

    private static final SideColumn DOUBLE = column(ValueKind.FLOAT, false);
    private static final SideColumn REAL = column(ValueKind.FLOAT, true);
    private static final SideColumn JSON = column(ValueKind.JSON, false);
    private static final SideColumn TEXT = column(ValueKind.TEXT, false);

    @Test
    void floats_withinTheTolerance_areEqual_andBeyondItNot() {
        assertThat(CellComparison.same(DOUBLE, 1e-6, 1.0, 1.0 + 1e-7)).isTrue();
        assertThat(CellComparison.same(DOUBLE, 1e-6, 1.0, 1.0 + 1e-5)).isFalse();
        assertThat(CellComparison.same(DOUBLE, 0, 0.3, 0.1 + 0.2)).as("exactly equal, without a tolerance").isFalse();
        assertThat(CellComparison.same(DOUBLE, 1e-12, 0.3, 0.1 + 0.2)).isTrue();
        assertThat(CellComparison.same(DOUBLE, 0, Double.NaN, Double.NaN)).isTrue();
        assertThat(CellComparison.same(DOUBLE, 0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isTrue();
        assertThat(CellComparison.same(DOUBLE, 1, Double.NaN, 1.0)).isFalse();
    }

    @Test
    void singlePrecisionFloats_compareAsFloats() {
        // A real holding 0.1 reads back as 0.10000000149011612 through one driver and 0.1 through another.
        assertThat(CellComparison.same(REAL, 0, 0.1, (double) 0.1f)).isTrue();
        assertThat(CellComparison.same(DOUBLE, 0, 0.1, (double) 0.1f)).isFalse();
    }

    @Test
    void json_equalAsJson_isEqual_whateverTheKeyOrderSpacingAndNumberSpelling() {
        assertThat(CellComparison.same(JSON, 0, "{\"b\": [1, 2.50], \"a\": {\"y\": null, \"x\": \"\\u00e9\"}}",
                "{\"a\":{\"x\":\"é\",\"y\":null},\"b\":[1.0,2.5]}")).isTrue();
        assertThat(CellComparison.same(JSON, 0, "{\"a\": [1, 2]}", "{\"a\": [2, 1]}")).as("array order matters").isFalse();
        assertThat(CellComparison.same(JSON, 0, "{\"a\": 1}", "{\"a\": \"1\"}")).isFalse();
    }

    @Test
    void nullEqualsOnlyNull() {
        assertThat(CellComparison.same(TEXT, 0, null, null)).isTrue();
        assertThat(CellComparison.same(TEXT, 0, null, "d41d8cd98f00b204e9800998ecf8427e")).isFalse();
    }

    private static SideColumn column(ValueKind kind, boolean single) {
        return new SideColumn("c", new ColumnType("t", TypeFamily.OTHER, null, false), kind, null, single, HashForm.CANONICAL);
    }
}
