package dmsrunbook.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dmsrunbook.error.InvalidSpecException;
import dmsrunbook.error.InvalidSpecException.SpecProblem;
import dmsrunbook.internal.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code schema.aiAssist}: read when it names a Bedrock model and region for a MySQL-family source and a PostgreSQL
 * target; refused otherwise, naming the field and the fix, before anything runs.
 */
class AiAssistSpecTest {

    private static final String MYSQL_TO_POSTGRES = """
            {
              "migrationId": "shop-move", "migrationType": "full-load-and-cdc",
              "source": {"engine": "%s", "host": "db.example.internal", "database": "shop",
                         "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/shop-src"},
              "target": {"engine": "postgres", "host": "pg.example.internal", "database": "shop",
                         "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/shop-tgt"},
              "tableMappings": {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all",
                  "object-locator": {"schema-name": "shop", "table-name": "%%"}, "rule-action": "include"}]},
              "dms": {"replicationInstanceArn": "arn:aws:dms:us-east-1:123456789012:rep:shop-instance",
                      "secretsAccessRoleArn": "arn:aws:iam::123456789012:role/dms-runbook-secrets-access"},
              "schema": {"mode": "none", "aiAssist": %s}
            }
            """;

    @Test
    void aModelAndRegion_forAMariaDbSourceAndAPostgresTarget_areRead() {
        MigrationSpec spec = SpecReader.read(spec("mariadb", "{\"modelId\": \"anthropic.claude-3-5-sonnet-20240620-v1:0\", \"region\": \"eu-central-1\"}"));

        assertThat(spec.schema().aiAssist()).isEqualTo(new AiAssistSpec("anthropic.claude-3-5-sonnet-20240620-v1:0", "eu-central-1"));
        // AND it survives the state: written and read back as every phase reads it
        assertThat(Json.convert(Json.tree(Json.write(spec)), MigrationSpec.class).schema().aiAssist()).isEqualTo(spec.schema().aiAssist());
    }

    @Test
    void anInferenceProfileId_isAModelId() {
        assertThat(SpecReader.read(spec("mysql", "{\"modelId\": \"us.anthropic.claude-3-7-sonnet-20250219-v1:0\", \"region\": \"us-east-1\"}"))
                .schema().aiAssist().modelId()).isEqualTo("us.anthropic.claude-3-7-sonnet-20250219-v1:0");
    }

    @Test
    void withoutAiAssist_nothingIsAsked() {
        assertThat(SpecReader.read(spec("mysql", "{}").replace(", \"aiAssist\": {}", "")).schema().aiAssist()).isNull();
    }

    @Test
    void aModelArn_isRefused_namingTheFieldAndTheFix() {
        List<SpecProblem> problems = problems(spec("mysql",
                "{\"modelId\": \"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2\", \"region\": \"us-east-1\"}"));

        assertThat(problems).extracting(SpecProblem::path).contains("schema.aiAssist.modelId");
        assertThat(problems).filteredOn(p -> p.path().equals("schema.aiAssist.modelId")).allSatisfy(p -> assertThat(p.fix()).contains("model id"));
    }

    @Test
    void aMissingRegion_aBadRegion_andAnUnknownField_areEachNamed() {
        assertThat(problems(spec("mysql", "{\"modelId\": \"anthropic.claude-v2\"}"))).extracting(SpecProblem::toString)
                .anyMatch(p -> p.contains("region") && p.contains("required"));
        assertThat(problems(spec("mysql", "{\"modelId\": \"anthropic.claude-v2\", \"region\": \"Virginia\"}"))).extracting(SpecProblem::path)
                .contains("schema.aiAssist.region");
        assertThat(problems(spec("mysql", "{\"modelId\": \"anthropic.claude-v2\", \"region\": \"us-east-1\", \"temperature\": 1}")))
                .extracting(SpecProblem::toString).anyMatch(p -> p.contains("temperature"));
    }

    @Test
    void aPostgresSource_isRefused_sayingToRemoveIt() {
        List<SpecProblem> problems = problems(spec("postgres", "{\"modelId\": \"anthropic.claude-v2\", \"region\": \"us-east-1\"}")
                .replace("\"mode\": \"none\"", "\"mode\": \"verify\""));

        assertThat(problems).filteredOn(p -> p.path().equals("schema.aiAssist")).singleElement().satisfies(p -> {
            assertThat(p.problem()).contains("MySQL or MariaDB objects only");
            assertThat(p.fix()).contains("remove schema.aiAssist");
        });
    }

    @Test
    void aModelTheStackMayNotInvoke_isRefusedAtValidation_namingTheStacksModel() {
        String json = spec("mysql", "{\"modelId\": \"anthropic.claude-v2\", \"region\": \"us-east-1\"}");
        StackScope stack = StackScope.from(java.util.Map.of("AWS_REGION", "us-east-1", "STACK_ACCOUNT_ID", "123456789012",
                "SECRET_NAME_PREFIX", "dms-runbook/", "PASS_ROLE_NAME_PREFIX", "dms-runbook-", "AI_ASSIST_MODEL_ID", "anthropic.claude-3-haiku-20240307-v1:0"));

        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read(json, stack));

        assertThat(e.problems()).filteredOn(p -> p.path().equals("schema.aiAssist.modelId")).singleElement().satisfies(p -> {
            assertThat(p.problem()).contains("anthropic.claude-3-haiku-20240307-v1:0");
            assertThat(p.fix()).contains("AiAssistModelId");
        });
        assertThat(SpecReader.read(json.replace("anthropic.claude-v2", "anthropic.claude-3-haiku-20240307-v1:0"), stack).schema().aiAssist())
                .isNotNull();
    }

    private static String spec(String sourceEngine, String aiAssist) {
        return MYSQL_TO_POSTGRES.formatted(sourceEngine, aiAssist);
    }

    private static List<SpecProblem> problems(String json) {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read(json));
        assertThat(e).as("the spec is refused").isNotNull();
        return e.problems();
    }
}
