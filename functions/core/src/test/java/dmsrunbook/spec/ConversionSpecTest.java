package dmsrunbook.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.InvalidSpecException;
import dmsrunbook.error.InvalidSpecException.SpecProblem;
import dmsrunbook.internal.Json;
import dmsrunbook.mapping.TableName;
import dmsrunbook.testing.ProjectFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec's {@code conversion} block: how a MySQL schema becomes a PostgreSQL one, and the user's own column types. */
class ConversionSpecTest {

    @Test
    void mySqlExample_readsItsOverridesInOrder_andSurvivesTheTripThroughTheWorkflowState() {
        MigrationSpec spec = SpecReader.read(ProjectFiles.json("events/specs/mysql-to-postgres.json"));

        assertThat(spec.conversion().enums()).isEqualTo(EnumConversion.TYPE);
        assertThat(spec.conversion().typeOverrides()).containsExactly(new TypeOverride("shop.orders", "legacy_flags", null, "smallint"),
                new TypeOverride(null, null, "year", "integer"));
        assertThat(spec.conversion().overrideFor(new TableName("shop", "orders"), "LEGACY_FLAGS", "tinyint", "tinyint(4)")).map(TypeOverride::type).contains("smallint");
        assertThat(spec.conversion().overrideFor(new TableName("shop", "orders"), "placed", "year", "year(4)")).map(TypeOverride::type).contains("integer");
        assertThat(spec.conversion().overrideFor(new TableName("shop", "orders"), "placed", "date", "date")).isEmpty();
        assertThat(SpecReader.read(Json.MAPPER.<ObjectNode>valueToTree(spec))).isEqualTo(spec);
    }

    @Test
    void withoutTheBlock_everySpecGetsTheDefaults_whateverItsEngines() {
        ObjectNode json = mysqlSpec();
        json.remove("conversion");

        assertThat(SpecReader.read(json).conversion()).isEqualTo(ConversionSpec.defaults());
        MigrationSpec postgres = SpecReader.read(ProjectFiles.json("events/specs/postgres15-to-aurora-postgresql.json"));
        assertThat(postgres.conversion()).isEqualTo(ConversionSpec.defaults());
        assertThat(SpecReader.read(Json.MAPPER.<ObjectNode>valueToTree(postgres))).isEqualTo(postgres);
    }

    @Test
    void badOverrides_areEachNamedWithTheirFix() {
        ObjectNode json = mysqlSpec();
        ObjectNode conversion = json.putObject("conversion").put("enums", "array");
        ArrayNode overrides = conversion.putArray("typeOverrides");
        overrides.add("text");
        overrides.addObject().put("table", "orders").put("column", "status").put("type", "text");
        overrides.addObject().put("table", "shop.orders").put("type", "text");
        overrides.addObject().put("sourceType", "tinyint(1)");
        overrides.addObject().put("sourceType", "int").put("type", "text; DROP TABLE orders");
        overrides.addObject().put("table", "shop.orders").put("column", "status").put("sourceType", "enum").put("type", "text");
        overrides.addObject().put("table", "shop.orders").put("colum", "status").put("type", "text");
        overrides.addObject().put("sourceType", "year").put("type", "integer");
        overrides.addObject().put("sourceType", "YEAR").put("type", "smallint");
        overrides.addObject().put("type", "text");

        List<SpecProblem> problems = catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read(json)).problems();

        assertThat(problems).extracting(SpecProblem::path).containsExactly("conversion.enums", "conversion.typeOverrides[0]",
                "conversion.typeOverrides[1].table", "conversion.typeOverrides[2].column", "conversion.typeOverrides[3].type",
                "conversion.typeOverrides[4].type", "conversion.typeOverrides[5]", "conversion.typeOverrides[6].colum",
                "conversion.typeOverrides[6].column", "conversion.typeOverrides[8]", "conversion.typeOverrides[9]");
        assertThat(problems).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
        assertThat(problems.get(0).fix()).isEqualTo("use one of: type, check");
        assertThat(problems.get(4).problem()).isEqualTo("is required");
        assertThat(problems.get(5).problem()).isEqualTo("is not a PostgreSQL type name");
        assertThat(problems.get(5).fix()).contains("\"numeric(20,0)\"").doesNotContain("DROP");
        assertThat(problems.get(7).fix()).contains("did you mean 'column'?");
        assertThat(problems.get(9).problem()).isEqualTo("overrides the same source type as an earlier override");
        assertThat(problems.get(10).problem()).isEqualTo("names neither a column nor a source type");
    }

    @Test
    void columnOverrideOfADatabaseWithADot_isWrittenQuoted_andAppliesToThatTableOnly() {
        ObjectNode json = mysqlSpec();
        ArrayNode overrides = json.putObject("conversion").putArray("typeOverrides");
        overrides.addObject().put("table", "\"my.shop\".orders").put("column", "status").put("type", "text");
        overrides.addObject().put("table", "my.shop.orders").put("column", "status").put("type", "text");

        List<SpecProblem> problems = catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read(json)).problems();
        assertThat(problems).extracting(SpecProblem::toString).containsExactly("conversion.typeOverrides[1].table: has more than one '.', "
                + "so it is not clear where the schema ends -> write a schema or table name holding a dot in double quotes, "
                + "a quote in it doubled, e.g. \"my.schema\".orders");

        overrides.remove(1);
        ConversionSpec conversion = SpecReader.read(json).conversion();
        assertThat(conversion.overrideFor(new TableName("my.shop", "orders"), "status", "varchar", "varchar(10)")).isPresent();
        assertThat(conversion.overrideFor(new TableName("my", "shop.orders"), "status", "varchar", "varchar(10)")).isEmpty();
        assertThat(SpecReader.read(Json.MAPPER.<ObjectNode>valueToTree(SpecReader.read(json))).conversion()).isEqualTo(conversion);
    }

    @Test
    void aConversionForAPostgresSource_isRefused() {
        ObjectNode json = (ObjectNode) ProjectFiles.json("events/specs/postgres15-to-aurora-postgresql.json");
        json.putObject("conversion").put("enums", "check");

        List<SpecProblem> problems = catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read(json)).problems();

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("conversion");
            assertThat(p.problem()).isEqualTo("applies only to a MySQL or MariaDB source with a PostgreSQL target");
        });
    }

    private static ObjectNode mysqlSpec() {
        return (ObjectNode) ProjectFiles.json("events/specs/mysql-to-postgres.json");
    }
}
