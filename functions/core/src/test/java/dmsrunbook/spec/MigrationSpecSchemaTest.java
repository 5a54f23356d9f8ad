package dmsrunbook.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dmsrunbook.error.InvalidSpecException;
import dmsrunbook.internal.Json;
import dmsrunbook.testing.ProjectFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schema users validate their specs with in an editor says what the reader says: it accepts every shipped
 * example, and rejects the structural mistakes the reader rejects.
 */
class MigrationSpecSchemaTest {

    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(ProjectFiles.json("events/schema/migration-spec.schema.json"));

    static List<Path> exampleSpecs() {
        return ProjectFiles.exampleSpecs();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleSpecs")
    void everyShippedExample_isValidAgainstTheSchema(Path example) {
        Set<ValidationMessage> errors = SCHEMA.validate(Json.tree(ProjectFiles.read(example)));

        assertThat(errors).isEmpty();
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("an unknown top-level field", spec -> spec.put("cdcLatencySeconds", 5)),
                mistake("no target", spec -> spec.remove("target")),
                mistake("engine dms without its dms block", spec -> spec.remove("dms")),
                mistake("postgres-native with a dms block", spec -> spec.put("engine", "postgres-native")),
                mistake("a port written as a string", spec -> side(spec, "source").put("port", "5432")),
                mistake("an SSM parameter as the secret", spec -> side(spec, "source")
                        .put("secretArn", "arn:aws:ssm:us-east-1:123456789012:parameter/orders")),
                mistake("an S3 source", spec -> spec.set("source", spec.get("target").deepCopy())),
                mistake("an S3 target writing CSV", spec -> ((ObjectNode) side(spec, "target").get("dmsSettings")).put("DataFormat", "csv")),
                mistake("an S3 target without a bucket", spec -> ((ObjectNode) side(spec, "target").get("dmsSettings")).remove("BucketName")),
                mistake("an S3 target without the role DMS writes with",
                        spec -> ((ObjectNode) side(spec, "target").get("dmsSettings")).remove("ServiceAccessRoleArn")),
                mistake("an S3 target with a host", spec -> side(spec, "target").put("host", "s3.amazonaws.com")),
                mistake("an unknown cutover policy", spec -> spec.putObject("cutover").put("policy", "whenever")),
                mistake("consent to erase the source's rows", spec -> side(spec, "source").put("allowNonEmptyTables", true)),
                mistake("consent to erase rows of an S3 target", spec -> side(spec, "target").put("allowNonEmptyTables", true)),
                mistake("a fractional poll interval", spec -> spec.putObject("thresholds").put("pollIntervalSeconds", 1.5)),
                mistake("a negative retry window", spec -> spec.putObject("faults").put("retryWindowSeconds", -1)),
                mistake("an unknown faults field", spec -> spec.putObject("faults").put("retryWindow", 60)),
                mistake("an unknown validation mode", spec -> spec.putObject("validation").put("mode", "hashes")),
                mistake("a negative float tolerance", spec -> spec.putObject("validation").put("floatTolerance", -1)),
                mistake("too many tables at once", spec -> spec.putObject("validation").put("maxConcurrency", 41)),
                mistake("a table override without its schema", spec -> spec.putObject("validation").putObject("tables").put("orders", "rows")),
                mistake("a table override with an unquoted second dot",
                        spec -> spec.putObject("validation").putObject("tables").put("my.schema.orders", "rows")),
                mistake("a type override naming a table with an unquoted second dot", spec -> spec.putObject("conversion").putArray("typeOverrides")
                        .addObject().put("table", "my.schema.orders").put("column", "status").put("type", "text")),
                mistake("an invariant without SQL", spec -> spec.putObject("validation").putArray("queries").addObject().put("name", "n")),
                mistake("an invariant that deletes", spec -> spec.putObject("validation").putArray("queries").addObject().put("name", "n")
                        .put("sql", "DELETE FROM orders")),
                mistake("an unknown enum conversion", spec -> spec.putObject("conversion").put("enums", "array")),
                mistake("a type override without its type", spec -> spec.putObject("conversion").putArray("typeOverrides").addObject()
                        .put("sourceType", "year")),
                mistake("a type override naming a column and a source type", spec -> spec.putObject("conversion").putArray("typeOverrides")
                        .addObject().put("table", "shop.orders").put("column", "status").put("sourceType", "enum").put("type", "text")),
                mistake("a type override with SQL after its type", spec -> spec.putObject("conversion").putArray("typeOverrides").addObject()
                        .put("sourceType", "int").put("type", "text; DROP TABLE orders")),
                mistake("an expected value that is an object", spec -> ((ObjectNode) spec.putObject("validation").putArray("queries").addObject()
                        .put("name", "n").put("sql", "SELECT 1")).putObject("expected")),
                mistake("an unknown schema mode", spec -> spec.putObject("schema").put("mode", "copy")),
                mistake("an S3 target whose schema is to be verified", spec -> spec.putObject("schema").put("mode", "verify")),
                mistake("a MySQL source whose schema is to be applied to S3", spec -> {
                    side(spec, "source").put("engine", "mysql");
                    spec.putObject("schema").put("mode", "apply");
                }),
                mistake("a MariaDB target whose schema is to be verified", spec -> {
                    spec.putObject("target").put("engine", "mariadb").put("host", "maria.example.internal").put("database", "orders")
                            .put("secretArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/orders-maria");
                    spec.putObject("schema").put("mode", "verify");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void specTheReaderRejects_isRejectedByTheSchemaToo(String mistake, JsonNode spec) {
        assertThatThrownBy(() -> SpecReader.read(spec)).as("the reader").isInstanceOf(InvalidSpecException.class);

        assertThat(SCHEMA.validate(spec)).as("the schema's errors").isNotEmpty();
    }

    /** A mistake made to the S3-lake example, which has a database source and an S3 target. */
    private static Arguments mistake(String name, Consumer<ObjectNode> change) {
        ObjectNode spec = (ObjectNode) ProjectFiles.json("events/specs/rds-postgres14-to-s3-parquet.json");
        change.accept(spec);
        return Arguments.of(name, spec);
    }

    private static ObjectNode side(ObjectNode spec, String side) {
        return (ObjectNode) spec.get(side);
    }
}
