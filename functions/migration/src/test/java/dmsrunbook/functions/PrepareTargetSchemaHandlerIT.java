package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.TargetSchemaException;
import org.junit.jupiter.api.Test;

/**
 * PrepareTargetSchema on real PostgreSQL: the pre-data part created on an empty target (tables, sequences, functions;
 * no secondary index yet), the source fingerprinted, a retry harmless; a verified target missing a column fails.
 */
class PrepareTargetSchemaHandlerIT {

    private final LocalCloud cloud = LocalCloud.get();

    @Test
    void apply_createsThePreDataPartOnAnEmptyTarget_andARetryRunsNothing() {
        String source = ApplicationSchema.source(cloud, "prepare_apply");
        String target = cloud.database("prepare_apply_tgt", "");
        ObjectNode event = ApplicationSchema.event(cloud, PrepareTargetSchemaHandler.class, "handler-prepare", source, target, "apply");
        PrepareTargetSchemaHandler handler = new PrepareTargetSchemaHandler(cloud.environment());

        JsonNode prepared = SampleEvents.invoke(handler, event);

        assertThat(prepared.path("mode").asText()).isEqualTo("apply");
        assertThat(prepared.path("finished").asBoolean()).isFalse();
        assertThat(prepared.path("preDataExecuted").asInt()).isPositive();
        assertThat(prepared.path("detail").asText()).endsWith("matches the source");
        assertThat(prepared.at("/sourceFingerprint/hash").asText()).hasSize(64);
        assertThat(cloud.query(target, "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S', 'i') ORDER BY 1"))
                .as("tables, their primary keys and sequences; no secondary index before the load")
                .isEqualTo("customers,customers_id_seq,customers_pkey,orders,orders_id_seq,orders_pkey");
        assertThat(cloud.query(target, "SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace")).isEqualTo("touch");

        JsonNode retried = SampleEvents.invoke(handler, event);

        assertThat(retried.path("preDataExecuted").asInt()).isZero();
        assertThat(retried.path("alreadyPresent").asInt()).isEqualTo(prepared.path("preDataExecuted").asInt() + prepared.path("alreadyPresent").asInt());
        assertThat(retried.at("/sourceFingerprint/hash").asText()).isEqualTo(prepared.at("/sourceFingerprint/hash").asText());
    }

    @Test
    void verify_ofATargetMissingAColumn_failsThePhase_namingTheColumn() {
        String source = ApplicationSchema.source(cloud, "prepare_verify");
        String target = cloud.database("prepare_verify_tgt", ApplicationSchema.DDL.replace(" total numeric(12,2) CHECK (total >= 0),", "")
                .replace("sum(total)", "count(*)"));
        ObjectNode event = ApplicationSchema.event(cloud, PrepareTargetSchemaHandler.class, "handler-prepare-verify", source, target, "verify");

        assertThatThrownBy(() -> SampleEvents.invoke(new PrepareTargetSchemaHandler(cloud.environment()), event))
                .isExactlyInstanceOf(TargetSchemaException.class)
                .hasMessageStartingWith("The target's pre-data schema differs from the source's in 1 objects: missing on the target: "
                        + "column public.orders.total (numeric(12,2))")
                .hasMessageContaining("Fix: make the target's schema match the source's");
    }

    @Test
    void none_leavesTheTargetAlone_butFingerprintsTheSource() {
        String source = ApplicationSchema.source(cloud, "prepare_none");
        String target = cloud.database("prepare_none_tgt", "");

        JsonNode prepared = SampleEvents.invoke(new PrepareTargetSchemaHandler(cloud.environment()),
                ApplicationSchema.event(cloud, PrepareTargetSchemaHandler.class, "handler-prepare-none", source, target, "none"));

        assertThat(prepared.path("detail").asText()).isEqualTo("schema.mode none: the target's schema is left as it is");
        assertThat(prepared.at("/sourceFingerprint/objects").asInt()).isPositive();
        assertThat(cloud.query(target, "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")).isEqualTo("0");
    }
}
