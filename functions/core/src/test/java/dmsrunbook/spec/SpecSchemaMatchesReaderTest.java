package dmsrunbook.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.testing.ProjectFiles;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schema and the reader cannot drift apart: every field the reader reads is one the schema describes, and
 * every field the schema describes is one the reader reads. What the reader reads is observed, not declared: the specs
 * are parsed into objects that record each field asked for. The sections the runbook hands to DMS as written (table
 * mappings, task settings, endpoint settings) are DMS's format and are compared by name only.
 */
class SpecSchemaMatchesReaderTest {

    /** DMS's own formats inside the spec: the reader looks into them (e.g. for a prep mode) but their fields are DMS's. */
    private static final Set<String> DMS_FORMATS = Set.of("tableMappings", "dms.taskSettings", "source.dmsSettings", "target.dmsSettings");
    /** Maps keyed by the user's names (a table per key), not fields. */
    private static final Set<String> NAME_MAPS = Set.of("validation.tables");

    /** A spec that sets every optional field the examples leave out. */
    private static final String EVERY_FIELD = """
            {
              "migrationId": "orders-move", "description": "every field", "engine": "dms", "migrationType": "full-load-and-cdc",
              "source": {"engine": "mysql", "host": "db.example.internal", "port": 3306, "database": "orders", "sslMode": "require",
                         "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/orders-src",
                         "endpointArn": "arn:aws:dms:us-east-1:123456789012:endpoint:SRC", "dmsSettings": {}},
              "target": {"engine": "postgres", "host": "pg.example.internal", "port": 5432, "database": "orders", "sslMode": "verify-full",
                         "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/orders-tgt",
                         "endpointArn": "arn:aws:dms:us-east-1:123456789012:endpoint:TGT", "dmsSettings": {}, "allowNonEmptyTables": true},
              "tableMappings": {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all",
                  "object-locator": {"schema-name": "shop", "table-name": "%"}, "rule-action": "include"}]},
              "dms": {"replicationInstanceArn": "arn:aws:dms:us-east-1:123456789012:rep:orders-instance",
                      "secretsAccessRoleArn": "arn:aws:iam::123456789012:role/dms-runbook-secrets-access", "taskSettings": {},
                      "restartMode": "resume"},
              "thresholds": {"cdcLatencySeconds": 10, "stableForSeconds": 300, "maxWaitSeconds": 3600, "pollIntervalSeconds": 60,
                             "maxInFlightRowDifferencePercent": 1.0},
              "cutover": {"policy": "approval", "approvalTimeoutSeconds": 3600, "maxFinalLatencySeconds": 1},
              "schema": {"mode": "none", "aiAssist": {"modelId": "anthropic.claude-3-5-sonnet-20240620-v1:0", "region": "us-east-1"}},
              "alertTopicArn": "arn:aws:sns:us-east-1:123456789012:dms-runbook-alerts",
              "faults": {"retryWindowSeconds": 600, "retryIntervalSeconds": 30},
              "validation": {"mode": "checksums", "tables": {"shop.orders": "rows"}, "maxReportedKeys": 10, "floatTolerance": 0,
                             "maxConcurrency": 4, "maxRowsPerItem": 100000,
                             "queries": [{"name": "total", "sql": "SELECT 1", "targetSql": "SELECT 1", "expected": 1}]},
              "assessment": {"targetPlatform": "rds-postgresql", "targetVersion": 16,
                             "dmsPremigration": {"resultsBucket": "dms-runbook-assessments", "resultsFolder": "runs",
                                                 "serviceAccessRoleArn": "arn:aws:iam::123456789012:role/dms-runbook-assessment"}},
              "conversion": {"enums": "check", "typeOverrides": [{"table": "shop.orders", "column": "status", "type": "text"},
                                                                 {"sourceType": "tinyint(1)", "type": "smallint"}]}
            }
            """;

    @Test
    void everyFieldTheReaderReads_isInTheSchema_andEveryFieldOfTheSchema_isRead() {
        Set<String> read = new TreeSet<>();
        read.addAll(fieldsReadFrom(EVERY_FIELD));
        for (Path example : ProjectFiles.exampleSpecs()) {
            read.addAll(fieldsReadFrom(ProjectFiles.read(example)));
        }
        Set<String> described = new TreeSet<>();
        describedFields(MigrationSpecSchema.document(), "", described);

        assertThat(described).as("the schema describes fields (the walk works)").contains("source.secretArn", "validation.queries[].sql");
        assertThat(read).as("fields the reader reads that the schema does not describe").isSubsetOf(described);
        assertThat(described).as("fields the schema describes that the reader never reads").isSubsetOf(read);
    }

    @Test
    void theSchemaTheReaderLoads_isTheOneInEventsSchema() {
        assertThat(MigrationSpecSchema.document()).isEqualTo(ProjectFiles.json("events/schema/migration-spec.schema.json"));
    }

    /** The fields {@link SpecReader} asks for when it reads {@code json} (after the schema, which looks at every field). */
    private static Set<String> fieldsReadFrom(String json) {
        ObjectMapper recording = new ObjectMapper().setNodeFactory(new RecordingNodeFactory());
        JsonNode root;
        try {
            root = recording.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        SpecReader.readChecked(root, StackScope.UNKNOWN, new SpecProblems());
        Set<String> fields = new HashSet<>();
        collect(root, "", fields);
        return fields;
    }

    private static void collect(JsonNode node, String path, Set<String> into) {
        if (node instanceof RecordingObjectNode object) {
            for (String field : Set.copyOf(object.asked)) {
                String fieldPath = SpecProblems.join(path, field);
                if (isInsideDmsFormatOrNameMap(fieldPath)) {
                    continue;
                }
                into.add(fieldPath);
                JsonNode child = object.get(field);
                if (child != null) {
                    collect(child, fieldPath, into);
                }
            }
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, path + "[]", into));
        }
    }

    /** The fields the schema describes: properties, followed through $ref and array items; not into DMS's formats. */
    private static void describedFields(JsonNode schema, String path, Set<String> into) {
        JsonNode node = schema.has("$ref") ? MigrationSpecSchema.document().at(schema.get("$ref").asText().substring(1)) : schema;
        for (Iterator<Map.Entry<String, JsonNode>> properties = node.path("properties").fields(); properties.hasNext(); ) {
            Map.Entry<String, JsonNode> property = properties.next();
            String fieldPath = SpecProblems.join(path, property.getKey());
            if (isInsideDmsFormatOrNameMap(fieldPath)) {
                continue;
            }
            into.add(fieldPath);
            describedFields(property.getValue(), fieldPath, into);
        }
        if (node.has("items")) {
            describedFields(node.get("items"), path + "[]", into);
        }
    }

    private static boolean isInsideDmsFormatOrNameMap(String path) {
        return DMS_FORMATS.stream().anyMatch(format -> path.startsWith(format + ".") || path.startsWith(format + "["))
                || NAME_MAPS.stream().anyMatch(map -> path.startsWith(map + "."));
    }

    /** Builds objects that remember which fields were asked for. */
    private static final class RecordingNodeFactory extends JsonNodeFactory {
        @Override
        public ObjectNode objectNode() {
            return new RecordingObjectNode(this);
        }
    }

    /** An object node that records the names passed to get, path, has and hasNonNull. */
    private static final class RecordingObjectNode extends ObjectNode {
        final Set<String> asked = new HashSet<>();

        RecordingObjectNode(JsonNodeFactory factory) {
            super(factory);
        }

        @Override
        public JsonNode get(String name) {
            asked.add(name);
            return super.get(name);
        }

        @Override
        public JsonNode path(String name) {
            asked.add(name);
            return super.path(name);
        }

        @Override
        public boolean has(String name) {
            asked.add(name);
            return super.get(name) != null;
        }

        @Override
        public boolean hasNonNull(String name) {
            asked.add(name);
            JsonNode value = super.get(name);
            return value != null && !value.isNull();
        }
    }
}
