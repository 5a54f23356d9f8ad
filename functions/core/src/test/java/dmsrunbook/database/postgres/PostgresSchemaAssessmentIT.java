package dmsrunbook.database.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.internal.Json;
import dmsrunbook.preflight.CheckStatus;
import dmsrunbook.schema.assessment.AssessedKind;
import dmsrunbook.schema.assessment.AssessedObject;
import dmsrunbook.schema.assessment.AssessmentClass;
import dmsrunbook.schema.assessment.SchemaAssessment;
import dmsrunbook.schema.assessment.SchemaAssessor;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SpecReader;
import dmsrunbook.testing.SharedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema assessment of the rich test schema (plus a large object, an event trigger, other owners and grants, a
 * table without a primary key, an OID column, an unbounded numeric and an extension in a selected schema) on real
 * PostgreSQL: every kind of object gets its class, for the native engine and for DMS, and an extension the declared
 * target does not offer fails with the fix.
 */
class PostgresSchemaAssessmentIT {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static RichSchema.Pair pair;

    @BeforeAll
    static void richSourceWithExtras() throws IOException {
        pair = new RichSchema.Pair(RichSchema.source("assessment"), SharedPostgres.freshDatabase("assessment_target"));
        try (InputStream extras = PostgresSchemaAssessmentIT.class.getResourceAsStream("/schema/assessment-extras.sql")) {
            SharedPostgres.cluster().execute(pair.source(), new String(extras.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void richSchema_withTheNativeEngine_givesEveryObjectKindItsClass() throws Exception {
        SchemaAssessment report = assess(RichSchema.spec(pair, null));
        Map<String, AssessedObject> byName = byKindAndName(report);

        assertThat(the(byName, AssessedKind.SCHEMA, "shop").assessmentClass()).isEqualTo(AssessmentClass.CREATED);
        assertThat(the(byName, AssessedKind.EXTENSION, "citext").assessmentClass()).isEqualTo(AssessmentClass.CREATED);
        assertThat(the(byName, AssessedKind.EXTENSION, "xml2").detail()).contains("pg_available_extensions");
        assertThat(the(byName, AssessedKind.COLLATION, "shop.case_insensitive").detail()).contains("ICU", "nondeterministic");
        assertThat(the(byName, AssessedKind.ENUM, "shop.order_status").assessmentClass()).isEqualTo(AssessmentClass.CREATED);
        assertThat(the(byName, AssessedKind.DOMAIN, "shop.positive_amount").assessmentClass()).isEqualTo(AssessmentClass.CREATED);
        assertThat(the(byName, AssessedKind.COMPOSITE_TYPE, "shop.address").assessmentClass()).isEqualTo(AssessmentClass.CREATED);
        assertThat(the(byName, AssessedKind.RANGE_TYPE, "shop.price_range").assessmentClass()).isEqualTo(AssessmentClass.CREATED);
        // every sequence, however it is used, is set at the cutover
        for (String sequence : List.of("shop.invoice_number_seq", "shop.unused_seq", "shop.countdown_seq", "shop.orders_id_seq",
                "shop.customers_id_seq", "\"Odd.Schema \"\"Q\"\"\".\"Mixed.Seq \"\"X\"\"\"")) {
            assertThat(the(byName, AssessedKind.SEQUENCE, sequence).assessmentClass()).as(sequence).isEqualTo(AssessmentClass.CUTOVER_ACTION);
        }
        assertThat(the(byName, AssessedKind.SEQUENCE, "shop.unused_seq").detail()).contains("owned by no column");
        assertThat(the(byName, AssessedKind.TABLE, "shop.orders").assessmentClass()).isEqualTo(AssessmentClass.CARRIED);
        assertThat(the(byName, AssessedKind.PARTITIONED_TABLE, "shop.events").assessmentClass()).isEqualTo(AssessmentClass.CREATED);
        assertThat(the(byName, AssessedKind.PARTITIONED_TABLE, "shop.events_2025").assessmentClass()).isEqualTo(AssessmentClass.CREATED);
        assertThat(the(byName, AssessedKind.PARTITION, "shop.events_2025_eu").assessmentClass()).isEqualTo(AssessmentClass.CARRIED);
        assertThat(the(byName, AssessedKind.COLUMN, "shop.orders.status").assessmentClass()).isEqualTo(AssessmentClass.CARRIED);
        assertThat(the(byName, AssessedKind.COLUMN, "shop.orders.invoice_number").detail()).contains("nextval", "cutover");
        assertThat(the(byName, AssessedKind.IDENTITY_COLUMN, "shop.customers.id").assessmentClass()).isEqualTo(AssessmentClass.CUTOVER_ACTION);
        assertThat(the(byName, AssessedKind.GENERATED_COLUMN, "shop.customers.search").assessmentClass()).isEqualTo(AssessmentClass.CREATED);
        assertThat(the(byName, AssessedKind.VIEW, "shop.big_spenders").assessmentClass()).isEqualTo(AssessmentClass.CREATED);
        assertThat(the(byName, AssessedKind.MATERIALIZED_VIEW, "shop.daily_revenue").assessmentClass()).isEqualTo(AssessmentClass.CUTOVER_ACTION);
        assertThat(the(byName, AssessedKind.MATERIALIZED_VIEW, "shop.daily_revenue").action()).contains("refreshed");
        assertThat(the(byName, AssessedKind.FUNCTION, "shop.touch_updated_at()").assessmentClass()).isEqualTo(AssessmentClass.CREATED);
        assertThat(the(byName, AssessedKind.PROCEDURE, "shop.cancel_order(IN p_order integer)").assessmentClass()).isEqualTo(AssessmentClass.CREATED);
        assertThat(the(byName, AssessedKind.TRIGGER, "shop.orders.orders_touch").detail()).contains("does not fire for replicated rows");
        assertThat(the(byName, AssessedKind.TRIGGER, "shop.sessions.sessions_touch_disabled").detail()).contains("disabled");
        assertThat(the(byName, AssessedKind.RULE, "shop.archived_orders.archived_orders_keep").assessmentClass()).isEqualTo(AssessmentClass.CREATED);
        assertThat(the(byName, AssessedKind.INDEX, "shop.orders_open_status_idx").assessmentClass()).isEqualTo(AssessmentClass.CREATED);
        assertThat(the(byName, AssessedKind.CONSTRAINT, "shop.order_lines.order_lines_product_fk").assessmentClass()).isEqualTo(AssessmentClass.CREATED);
        // what needs a person, with the fix
        AssessedObject unlogged = the(byName, AssessedKind.TABLE, "shop.sessions");
        assertThat(unlogged.assessmentClass()).isEqualTo(AssessmentClass.NEEDS_PERSON);
        assertThat(unlogged.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(unlogged.action()).contains("rule-action exclude", "SET LOGGED");
        AssessedObject noKey = the(byName, AssessedKind.TABLE, "shop.page_views");
        assertThat(noKey.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(noKey.action()).contains("ALTER TABLE shop.page_views REPLICA IDENTITY FULL;");
        assertThat(the(byName, AssessedKind.LARGE_OBJECTS, "1 large object (owned by postgres)").action()).contains("pg_dump");
        assertThat(the(byName, AssessedKind.EVENT_TRIGGER, "shop_ddl_log").assessmentClass()).isEqualTo(AssessmentClass.NEEDS_PERSON);
        assertThat(the(byName, AssessedKind.OWNER, "assessment_app_owner").detail()).contains("table shop.audit_log");
        assertThat(the(byName, AssessedKind.OWNER, "postgres").assessmentClass()).isEqualTo(AssessmentClass.CREATED);
        AssessedObject grants = the(byName, AssessedKind.GRANT, "assessment_app_reader");
        assertThat(grants.assessmentClass()).isEqualTo(AssessmentClass.NEEDS_PERSON);
        assertThat(grants.detail()).contains("SELECT on table shop.customers", "USAGE on schema shop");
        assertThat(report.objects()).filteredOn(o -> o.kind() == AssessedKind.OTHER).isEmpty();
        // and every object has exactly one class, and the effort of what needs a person counts
        assertThat(report.units().get(AssessmentClass.NEEDS_PERSON)).isPositive();
        assertThat(report.objects()).allSatisfy(o -> assertThat(o.assessmentClass()).isNotNull());
    }

    @Test
    void richSchema_withDms_namesWhatDmsCannotMove_andItsLobColumns() throws Exception {
        ObjectNode json = (ObjectNode) Json.MAPPER.valueToTree(RichSchema.spec(pair, null));
        json.put("engine", "dms");
        json.putObject("dms").put("replicationInstanceArn", "arn:aws:dms:us-east-1:123456789012:rep:local")
                .put("secretsAccessRoleArn", "arn:aws:iam::123456789012:role/dms-runbook-secrets");
        SchemaAssessment report = assess(SpecReader.read(json));
        Map<String, AssessedObject> byName = byKindAndName(report);

        AssessedObject oid = the(byName, AssessedKind.COLUMN, "shop.measurements.scan");
        assertThat(oid.assessmentClass()).isEqualTo(AssessmentClass.NOT_SUPPORTED);
        assertThat(oid.detail()).contains("The OID LOB data type isn't migrated");
        assertThat(the(byName, AssessedKind.COLUMN, "shop.measurements.reading").action()).contains("MapUnboundedNumericAsString");
        assertThat(the(byName, AssessedKind.COLUMN, "shop.bookings.during").assessmentClass()).isEqualTo(AssessmentClass.NEEDS_PERSON);
        assertThat(the(byName, AssessedKind.COLUMN, "shop.customers.tags").detail()).contains("LOB (NCLOB)", "limited LOB mode");
        assertThat(the(byName, AssessedKind.COLUMN, "shop.orders.total").assessmentClass()).isEqualTo(AssessmentClass.CARRIED);
        assertThat(the(byName, AssessedKind.GENERATED_COLUMN, "shop.customers.search").action()).contains("remove-column");
        assertThat(the(byName, AssessedKind.PARTITIONED_TABLE, "shop.events").detail()).contains("twice");
        assertThat(the(byName, AssessedKind.CONSTRAINT, "shop.order_lines.order_lines_product_fk").detail()).contains("Deferred Constraints");
        assertThat(the(byName, AssessedKind.TRIGGER, "shop.orders.orders_touch").action()).contains("session_replication_role = replica");
        assertThat(the(byName, AssessedKind.TABLE, "shop.sessions").status()).isEqualTo(CheckStatus.WARN);
        assertThat(report.notes()).anyMatch(n -> n.contains("CHAP_Source.PostgreSQL"));
    }

    @Test
    void extensionTheDeclaredTargetDoesNotOffer_failsWithTheFix() throws Exception {
        ObjectNode json = (ObjectNode) Json.MAPPER.valueToTree(RichSchema.spec(pair, null));
        json.putObject("assessment").put("targetPlatform", "rds-postgresql").put("targetVersion", 14);
        SchemaAssessment report = assess(SpecReader.read(json));
        Map<String, AssessedObject> byName = byKindAndName(report);

        AssessedObject xml2 = the(byName, AssessedKind.EXTENSION, "xml2");
        assertThat(xml2.assessmentClass()).isEqualTo(AssessmentClass.NOT_SUPPORTED);
        assertThat(xml2.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(xml2.detail()).contains("Amazon RDS for PostgreSQL 14", "does not offer it");
        assertThat(xml2.action()).contains("remove what uses xml2");
        assertThat(report.failures()).contains(xml2);
        assertThat(the(byName, AssessedKind.EXTENSION, "citext").assessmentClass()).isEqualTo(AssessmentClass.CREATED);
        assertThat(report.target()).contains("Amazon RDS for PostgreSQL 14 (declared in the spec; the target reports 15.");
        assertThat(report.notes()).anyMatch(n -> n.contains("supported-extensions.json"));
    }

    private static SchemaAssessment assess(MigrationSpec spec) throws Exception {
        try (Connection source = RichSchema.connect(pair.source()); Connection target = RichSchema.connect(pair.target())) {
            return new SchemaAssessor().assess(spec, source, target, NOW);
        }
    }

    private static Map<String, AssessedObject> byKindAndName(SchemaAssessment report) {
        return report.objects().stream().collect(Collectors.toMap(o -> o.kind() + " " + o.name(), o -> o, (a, b) -> a));
    }

    private static AssessedObject the(Map<String, AssessedObject> byName, AssessedKind kind, String name) {
        AssessedObject object = byName.get(kind + " " + name);
        if (object == null) {
            throw new AssertionError("no " + kind.words() + " " + name + " in:\n" + byName.keySet().stream().sorted().collect(Collectors.joining("\n")));
        }
        return object;
    }
}
