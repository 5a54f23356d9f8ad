package dmsrunbook.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.InvalidSpecException;
import dmsrunbook.error.InvalidSpecException.SpecProblem;
import dmsrunbook.internal.Json;
import dmsrunbook.mapping.TableName;
import dmsrunbook.testing.ProjectFiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The spec's {@code validation} block: how tables are compared and which business invariants are checked. Absent, it
 * means checksums for every table, 10 keys reported, exact floats, 4 tables at once, no invariants; a bad value fails
 * the spec naming the field and the fix.
 */
class ValidationSpecTest {

    private static final String EXAMPLE = "events/specs/postgres15-to-aurora-postgresql.json";

    @Test
    void specWithoutAValidationBlock_getsTheDocumentedDefaults() {
        ObjectNode spec = example();
        spec.remove("validation");

        ValidationSpec validation = SpecReader.read(spec).validation();

        assertThat(validation).isEqualTo(new ValidationSpec(ValidationMode.CHECKSUMS, Map.of(), 10, 0.0, 4, 2_000_000, List.of()));
        assertThat(validation).isEqualTo(ValidationSpec.defaults());
    }

    @Test
    void cashFlowExample_shipsTheBalanceViewAndTheOrphanTransactionsCount() {
        ValidationSpec validation = SpecReader.read(example()).validation();

        assertThat(validation.queries()).extracting(InvariantQuery::name)
                .containsExactly("balance per user (vw_saldo_atual)", "transactions whose category does not exist");
        assertThat(validation.queries().get(0).sql()).contains("FROM vw_saldo_atual");
        assertThat(validation.queries().get(0).hasExpected()).isFalse();
        assertThat(validation.queries().get(1).sql()).contains("transacoes", "categorias");
        assertThat(validation.queries().get(1).expected()).isEqualTo(Json.tree("0"));
    }

    @Test
    void fullBlock_isRead_andPerTableOverridesApplyToTheirTableOnly() {
        ObjectNode spec = example();
        spec.set("validation", Json.tree("""
                {"mode": "rows", "tables": {"public.audit_log": "counts"}, "maxReportedKeys": 3, "floatTolerance": 1e-9,
                 "maxConcurrency": 8, "queries": [{"name": "n", "sql": "-- orders\\nWITH o AS (SELECT 1) SELECT count(*) FROM o;",
                 "targetSql": "SELECT 1", "expected": [[1]]}]}"""));

        ValidationSpec validation = SpecReader.read(spec).validation();

        assertThat(validation.modeFor(new TableName("public", "audit_log"))).isEqualTo(ValidationMode.COUNTS);
        assertThat(validation.modeFor(new TableName("public", "orders"))).isEqualTo(ValidationMode.ROWS);
        assertThat(validation.maxReportedKeys()).isEqualTo(3);
        assertThat(validation.floatTolerance()).isEqualTo(1e-9);
        assertThat(validation.maxConcurrency()).isEqualTo(8);
        assertThat(validation.queries().get(0).sqlOnTarget()).isEqualTo("SELECT 1");
    }

    @Test
    void badValues_areEachReported_withTheFieldAndTheFix() {
        ObjectNode spec = example();
        spec.set("validation", Json.tree("""
                {"mode": "hashes", "tables": {"audit_log": "counts", "public.orders": "all"}, "maxReportedKeys": 5000,
                 "floatTolerance": -1, "maxConcurrency": 0, "maxReportedKey": 3,
                 "queries": [{"name": "a", "sql": "DELETE FROM orders"}, {"name": "a", "sql": "SELECT 1; DROP TABLE orders"},
                             {"sql": "SELECT 1", "expected": {"count": 0}}, "SELECT 1"]}"""));

        List<SpecProblem> problems = catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read(spec)).problems();

        assertThat(problems).extracting(SpecProblem::toString).containsExactlyInAnyOrder(
                "validation.maxReportedKey: unknown field -> did you mean 'maxReportedKeys'?",
                "validation.mode: is not allowed (6 characters, not repeated here in case it is a secret) -> use one of: counts, checksums, rows",
                "validation.tables.audit_log: is not a table name -> name the source table as \"schema.table\" (for MySQL, \"database.table\")",
                "validation.tables.public.orders: is not allowed (3 characters, not repeated here in case it is a secret) -> use one of: counts, checksums, rows",
                "validation.maxReportedKeys: 5000 is out of range -> use a value between 0 and 1000 keys",
                "validation.floatTolerance: must be a number of 0 or more -> use the largest absolute difference two floating-point values "
                        + "may have and still be equal, e.g. 1e-9 (0: exactly equal)",
                "validation.maxConcurrency: 0 is out of range -> use a value between 1 and 40 tables at once",
                "validation.queries[0].sql: is not one query -> write a single SELECT (or WITH ... SELECT): invariants only read, "
                        + "and run in a read-only transaction",
                "validation.queries[1].name: 'a' names another query too -> give each query its own name",
                "validation.queries[1].sql: is not one query -> write a single SELECT (or WITH ... SELECT): invariants only read, "
                        + "and run in a read-only transaction",
                "validation.queries[2].name: is required -> name the invariant, e.g. \"balance per user\"",
                "validation.queries[2].expected: is neither one value nor an array of rows -> write one value for a one-row, one-column "
                        + "result (e.g. 0), or rows as arrays of values (e.g. [[1, \"a\"]])",
                "validation.queries[3]: must be an object -> write {\"name\": \"...\", \"sql\": \"SELECT ...\"}");
    }

    @Test
    void maxRowsPerItem_isRead_andATooSmallOrFractionalValueIsReportedWithTheFix() {
        ObjectNode spec = example();
        spec.set("validation", Json.tree("{\"maxRowsPerItem\": 50000}"));
        assertThat(SpecReader.read(spec).validation().maxRowsPerItem()).isEqualTo(50_000);

        for (String bad : List.of("10", "2.5", "\"many\"")) {
            spec.set("validation", Json.tree("{\"maxRowsPerItem\": " + bad + "}"));
            List<SpecProblem> problems = catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read(spec)).problems();
            assertThat(problems).extracting(SpecProblem::toString).as(bad).containsExactly(
                    "validation.maxRowsPerItem: must be a whole number of 100 or more -> use the rows one invocation may compare, "
                            + "e.g. 2000000 (lower it when a table's diff runs out of time)");
        }
    }

    @Test
    void tableOverrideForASchemaWithADot_isWrittenQuoted_andAppliesToThatTableOnly() {
        // GIVEN schema "my.schema" next to schema "my" holding a table "schema.orders"
        ObjectNode spec = example();
        spec.set("validation", Json.tree("""
                {"mode": "checksums", "tables": {"\\"my.schema\\".orders": "counts", "\\"my.schema\\".\\"Odd\\"\\"Name.x\\"": "rows"}}"""));

        ValidationSpec validation = SpecReader.read(spec).validation();

        assertThat(validation.modeFor(new TableName("my.schema", "orders"))).isEqualTo(ValidationMode.COUNTS);
        assertThat(validation.modeFor(new TableName("my.schema", "Odd\"Name.x"))).isEqualTo(ValidationMode.ROWS);
        assertThat(validation.modeFor(new TableName("my", "schema.orders"))).isEqualTo(ValidationMode.CHECKSUMS);
        assertThat(SpecReader.read(Json.MAPPER.<ObjectNode>valueToTree(SpecReader.read(spec))).validation()).isEqualTo(validation);
    }

    @Test
    void tableOverrideWithAnUnquotedSecondDot_isRefused_namingTheFieldAndTheQuoting() {
        ObjectNode spec = example();
        spec.set("validation", Json.tree("{\"tables\": {\"my.schema.orders\": \"counts\"}}"));

        List<SpecProblem> problems = catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read(spec)).problems();

        assertThat(problems).extracting(SpecProblem::toString).containsExactly(
                "validation.tables.my.schema.orders: has more than one '.', so it is not clear where the schema ends -> write a schema "
                        + "or table name holding a dot in double quotes, a quote in it doubled, e.g. \"my.schema\".orders");
    }

    @Test
    void theSameTableWrittenTwoWays_isRefused() {
        ObjectNode spec = example();
        spec.set("validation", Json.tree("{\"tables\": {\"public.orders\": \"counts\", \"\\\"public\\\".orders\": \"rows\"}}"));

        List<SpecProblem> problems = catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read(spec)).problems();

        assertThat(problems).extracting(SpecProblem::toString).containsExactly(
                "validation.tables.\"public\".orders: names the same table as an earlier key -> keep one override per table");
    }

    @Test
    void semicolonInsideAStringLiteral_doesNotMakeTwoStatements() {
        ObjectNode spec = example();
        spec.set("validation", Json.tree("{\"queries\": [{\"name\": \"n\", \"sql\": \"SELECT count(*) FROM t WHERE note = 'a;b'\"}]}"));

        assertThat(SpecReader.read(spec).validation().queries()).hasSize(1);
    }

    @Test
    void normalisedValidationBlock_readsBackToTheSameSpec() {
        ObjectNode spec = example();
        spec.set("validation", Json.tree("""
                {"tables": {"public.audit_log": "counts"}, "floatTolerance": 0.001,
                 "queries": [{"name": "nulls", "sql": "SELECT max(x) FROM t", "expected": null}, {"name": "none", "sql": "SELECT 1"}]}"""));
        MigrationSpec read = SpecReader.read(spec);

        MigrationSpec again = SpecReader.read(Json.MAPPER.<ObjectNode>valueToTree(read));

        assertThat(again).isEqualTo(read);
        assertThat(again.validation().queries().get(0).hasExpected()).as("expects NULL").isTrue();
        assertThat(again.validation().queries().get(1).hasExpected()).isFalse();
    }

    private static ObjectNode example() {
        return (ObjectNode) ProjectFiles.json(EXAMPLE);
    }
}
