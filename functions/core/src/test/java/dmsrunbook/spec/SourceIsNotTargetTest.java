package dmsrunbook.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.InvalidSpecException;
import dmsrunbook.error.InvalidSpecException.SpecProblem;
import dmsrunbook.internal.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A spec whose target is its source is refused before anything connects: with TRUNCATE_BEFORE_LOAD (the shipped
 * example) DMS would empty the source. The names are compared as servers know them; the preflight compares identities.
 */
class SourceIsNotTargetTest {

    private static final String SPEC = """
            {
              "migrationId": "orders-move",
              "migrationType": "full-load-and-cdc",
              "source": {"engine": "postgres", "host": "db.example.internal", "port": 5432, "database": "orders",
                         "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/orders-src"},
              "target": {"engine": "aurora-postgresql", "host": "aurora.example.internal", "port": 5432, "database": "orders",
                         "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/orders-tgt"},
              "tableMappings": {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all",
                  "object-locator": {"schema-name": "public", "table-name": "%"}, "rule-action": "include"}]},
              "dms": {"replicationInstanceArn": "arn:aws:dms:us-east-1:123456789012:rep:orders-instance",
                      "secretsAccessRoleArn": "arn:aws:iam::123456789012:role/dms-runbook-secrets-access",
                      "taskSettings": {"FullLoadSettings": {"TargetTablePrepMode": "TRUNCATE_BEFORE_LOAD"}}}
            }
            """;

    @ParameterizedTest(name = "source {0} = target {1}")
    @CsvSource({
            "db.example.internal, db.example.internal",
            "localhost, 127.0.0.1",
            "DB.Example.Internal., db.example.internal",
            "[::1], localhost",
            "127.0.1.1, localhost"})
    void targetNamingTheSourceDatabase_isRefused_namingTheFieldsAndTheFix(String sourceHost, String targetHost) {
        ObjectNode spec = spec();
        side(spec, "source").put("host", sourceHost);
        side(spec, "target").put("host", targetHost);

        assertThat(problems(spec)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("target");
            assertThat(p.problem()).startsWith("is the source database (" + targetHost + ":5432, database orders")
                    .endsWith("loading it would erase or duplicate the source's rows");
            assertThat(p.fix()).isEqualTo("point target at the database to migrate into: its host, port or database must differ from the source's");
        });
    }

    @Test
    void sameServerAndDatabase_withTheSameSecret_saysSo() {
        ObjectNode spec = spec();
        side(spec, "target").put("host", "db.example.internal").put("secretArn", side(spec, "source").get("secretArn").asText());

        assertThat(problems(spec)).singleElement().satisfies(p -> assertThat(p.problem()).contains(", with the same secret)"));
    }

    @Test
    void anotherPort_orAnotherDatabase_onTheSameHost_isAnotherDatabase() {
        ObjectNode otherPort = spec();
        side(otherPort, "target").put("host", "db.example.internal").put("port", 5433);
        ObjectNode otherDatabase = spec();
        side(otherDatabase, "target").put("host", "db.example.internal").put("database", "orders_copy");

        assertThat(SpecReader.read(otherPort).target().port()).isEqualTo(5433);
        assertThat(SpecReader.read(otherDatabase).target().database()).isEqualTo("orders_copy");
    }

    @Test
    void databaseNamesDifferingInCase_areTheSameForMySql_butNotForPostgres() {
        ObjectNode postgres = spec();
        side(postgres, "target").put("host", "db.example.internal").put("database", "Orders");
        ObjectNode mysql = spec();
        side(mysql, "source").put("engine", "mysql").put("port", 3306);
        side(mysql, "target").put("engine", "mariadb").put("host", "db.example.internal").put("port", 3306).put("database", "Orders");

        assertThat(SpecReader.read(postgres).target().database()).isEqualTo("Orders");
        assertThat(problems(mysql)).extracting(SpecProblem::path).containsExactly("target");
    }

    @Test
    void dmsWithTheSourcesSecretOnBothSides_andTheSameDatabase_isRefused_becauseDmsConnectsWhereTheSecretSays() {
        ObjectNode spec = spec();
        side(spec, "target").put("secretArn", side(spec, "source").get("secretArn").asText());

        assertThat(problems(spec)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("target.secretArn");
            assertThat(p.fix()).startsWith("give the target its own secret");
        });
    }

    @Test
    void nativeReplicationWithOneSecretForTwoServers_isAccepted_becauseItConnectsWhereTheSpecSays() {
        ObjectNode spec = spec();
        spec.put("engine", "postgres-native");
        spec.remove("dms");
        side(spec, "target").put("secretArn", side(spec, "source").get("secretArn").asText());

        assertThat(SpecReader.read(spec).target().host()).isEqualTo("aurora.example.internal");
    }

    @Test
    void allowNonEmptyTables_isATargetFlag() {
        ObjectNode allowed = spec();
        side(allowed, "target").put("allowNonEmptyTables", true);
        ObjectNode onSource = spec();
        side(onSource, "source").put("allowNonEmptyTables", true);
        ObjectNode quoted = spec();
        side(quoted, "target").put("allowNonEmptyTables", "yes");

        MigrationSpec spec = SpecReader.read(allowed);
        assertThat(spec.target().allowsNonEmptyTables()).isTrue();
        assertThat(spec.source().allowsNonEmptyTables()).isFalse();
        assertThat(SpecReader.read(Json.MAPPER.<ObjectNode>valueToTree(spec))).as("read again by later phases").isEqualTo(spec);
        assertThat(problems(onSource)).extracting(SpecProblem::toString).containsExactly("source.allowNonEmptyTables: applies only "
                + "to the target -> remove it; put it in target if the target's rows may be erased");
        assertThat(problems(quoted)).extracting(SpecProblem::toString).containsExactly("target.allowNonEmptyTables: must be true or "
                + "false, not a string -> write true or false, without quotes");
    }

    private static ObjectNode spec() {
        return (ObjectNode) Json.tree(SPEC);
    }

    private static ObjectNode side(ObjectNode spec, String side) {
        return (ObjectNode) spec.get(side);
    }

    private static List<SpecProblem> problems(ObjectNode spec) {
        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read(spec));
        assertThat(error).as("the spec is refused").isNotNull();
        return error.problems();
    }
}
