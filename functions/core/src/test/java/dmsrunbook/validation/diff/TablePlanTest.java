package dmsrunbook.validation.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.mapping.TableName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What is compared and how, from both catalogs: native hashes between equal PostgreSQL types, canonical text otherwise. */
class TablePlanTest {

    private static final ColumnType BIGINT = new ColumnType("bigint", TypeFamily.INTEGER, null, true);
    private static final ColumnType TEXT = new ColumnType("text", TypeFamily.TEXT, null, true);
    private static final ColumnType JSONB = new ColumnType("jsonb", TypeFamily.JSON, null, true);
    private static final ColumnType POINT = new ColumnType("point", TypeFamily.OTHER, null, false);

    @Test
    void samePostgresTypes_hashNatively_andOtherTypesInCanonicalText() {
        TableDescription source = postgres(List.of(column("id", BIGINT), column("name", TEXT), column("spot", POINT)), List.of("id"));
        TableDescription target = postgres(List.of(column("id", BIGINT), column("name", new ColumnType("character varying(50)", TypeFamily.TEXT,
                null, true)), column("spot", POINT)), List.of("id"));

        TablePlan plan = TablePlan.of(source, target, 0);

        assertThat(plan.source().nativeHashing()).isTrue();
        assertThat(plan.source().all()).extracting(SideColumn::hash).containsExactly(HashForm.NATIVE, HashForm.CANONICAL, HashForm.CANONICAL);
        assertThat(plan.keyColumns()).containsExactly("id");
        assertThat(plan.notes()).isEmpty();
    }

    @Test
    void acrossEngines_everyColumnIsCanonical_butJsonIsComparedInJava() {
        TableDescription source = new TableDescription(new TableName("shop", "t"), List.of(column("ID", BIGINT),
                column("doc", new ColumnType("longtext", TypeFamily.TEXT, null, false))), List.of("ID"), "primary key", false, true);
        TableDescription target = postgres(List.of(column("id", BIGINT), column("doc", JSONB)), List.of("id"));

        TablePlan plan = TablePlan.of(source, target, 0);

        assertThat(plan.source().all()).extracting(SideColumn::hash).containsExactly(HashForm.CANONICAL, HashForm.JAVA);
        assertThat(plan.target().key()).extracting(SideColumn::name).as("matched ignoring case").containsExactly("id");
        assertThat(plan.source().javaCompared()).extracting(SideColumn::name).containsExactly("doc");
        assertThat(plan.notes()).singleElement().asString().startsWith("JSON columns are compared in Java");
    }

    @Test
    void keyThatCannotOrderRanges_leavesTheTableKeyless_saySo() {
        TableDescription source = postgres(List.of(column("spot", POINT), column("n", BIGINT)), List.of("spot"));

        TablePlan plan = TablePlan.of(source, source, 0);

        assertThat(plan.keyed()).isFalse();
        assertThat(plan.notes()).singleElement().asString().startsWith("key column spot (point vs point) cannot order key ranges");
    }

    @Test
    void tableWithoutAKey_isNotedAsWeakerEvidence() {
        TableDescription source = postgres(List.of(column("n", BIGINT)), List.of());

        assertThat(TablePlan.of(source, source, 0).notes()).singleElement().asString().contains("weaker evidence");
    }

    private static TableDescription postgres(List<DeclaredColumn> columns, List<String> key) {
        return new TableDescription(new TableName("public", "t"), columns, key, key.isEmpty() ? null : "primary key", true, true);
    }

    private static DeclaredColumn column(String name, ColumnType type) {
        return new DeclaredColumn(name, type);
    }
}
