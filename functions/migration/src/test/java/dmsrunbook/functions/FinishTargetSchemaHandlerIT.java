package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.TargetSchemaException;
import dmsrunbook.local.LocalLambdaContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * FinishTargetSchema on real PostgreSQL, after PrepareTargetSchema and the load: the post-data part built (in one
 * slice when the invocation has time, one statement per slice when it has none), the whole schema verified, the
 * target's triggers listed, a retry harmless; a verified target lacking an index fails naming it.
 */
class FinishTargetSchemaHandlerIT {

    private static final String POST_DATA_OBJECTS = "SELECT string_agg(x, ',' ORDER BY x) FROM ("
            + "SELECT indexrelid::regclass::text AS x FROM pg_index WHERE indrelid IN ('customers'::regclass, 'orders'::regclass) "
            + "UNION ALL SELECT conname || CASE WHEN convalidated THEN '' ELSE ' (not valid)' END FROM pg_constraint "
            + "WHERE conrelid = 'orders'::regclass AND contype IN ('f', 'c') "
            + "UNION ALL SELECT tgname FROM pg_trigger WHERE tgrelid = 'orders'::regclass AND NOT tgisinternal "
            + "UNION ALL SELECT matviewname FROM pg_matviews) o";
    private static final String EXPECTED = "customers_email_key,customers_pkey,order_totals,orders_customer_id_fkey,"
            + "orders_customer_idx,orders_pkey,orders_total_check,orders_touch";

    private final LocalCloud cloud = LocalCloud.get();

    @Test
    void apply_buildsThePostDataPart_verifiesTheWholeSchema_listsTheTriggers_andARetryRunsNothing() {
        String source = ApplicationSchema.source(cloud, "finish_apply");
        String target = cloud.database("finish_apply_tgt", "");
        JsonNode prepared = ApplicationSchema.preparedAndLoaded(cloud, "handler-finish", source, target, "apply");
        ObjectNode event = LocalCloud.withResult(ApplicationSchema.event(cloud, FinishTargetSchemaHandler.class, "handler-finish",
                source, target, "apply"), "targetSchema", prepared);
        FinishTargetSchemaHandler handler = new FinishTargetSchemaHandler(cloud.environment());

        JsonNode finished = SampleEvents.invoke(handler, event);

        assertThat(finished.path("finished").asBoolean()).isTrue();
        assertThat(finished.path("slices").asInt()).isEqualTo(1);
        assertThat(finished.path("postDataExecuted").asInt()).isEqualTo(finished.path("postDataStatements").asInt()).isPositive();
        assertThat(finished.path("detail").asText()).endsWith("the whole schema matches the source");
        assertThat(finished.path("triggers").toString())
                .isEqualTo("[\"orders_touch on public.orders (does not fire for replicated rows)\"]");
        assertThat(finished.path("finishingSince").asText()).isNotBlank();
        assertThat(cloud.query(target, POST_DATA_OBJECTS)).isEqualTo(EXPECTED);

        JsonNode retried = SampleEvents.invoke(handler, event);

        assertThat(retried.path("finished").asBoolean()).isTrue();
        assertThat(retried.path("postDataExecuted").asInt()).isZero();
        assertThat(retried.path("alreadyPresent").asInt()).isGreaterThanOrEqualTo(finished.path("postDataStatements").asInt());
    }

    @Test
    void apply_withNoTimeLeftInTheInvocation_runsOneStatementPerSlice_andTheLoopFinishesAllTheSame() {
        String source = ApplicationSchema.source(cloud, "finish_slices");
        String target = cloud.database("finish_slices_tgt", "");
        JsonNode state = ApplicationSchema.preparedAndLoaded(cloud, "handler-slices", source, target, "apply");
        ObjectNode event = ApplicationSchema.event(cloud, FinishTargetSchemaHandler.class, "handler-slices", source, target, "apply");
        FinishTargetSchemaHandler handler = new FinishTargetSchemaHandler(cloud.environment());

        int invocations = 0;
        do {
            int before = state.path("nextPostDataStatement").asInt();
            // As IsTargetSchemaFinished? loops: the last answer is the next call's state.
            state = SampleEvents.invoke(handler, LocalCloud.withResult(event, "targetSchema", state),
                    new LocalLambdaContext("FinishTargetSchemaFunction", "slice-" + invocations, Duration.ZERO));
            invocations++;
            assertThat(state.path("nextPostDataStatement").asInt()).as("one statement per slice").isEqualTo(before + 1);
        } while (!state.path("finished").asBoolean() && invocations < 50);

        assertThat(state.path("finished").asBoolean()).isTrue();
        assertThat(invocations).isEqualTo(state.path("postDataStatements").asInt()).isEqualTo(state.path("slices").asInt());
        assertThat(state.path("postDataExecuted").asInt()).isEqualTo(invocations);
        assertThat(cloud.query(target, POST_DATA_OBJECTS)).isEqualTo(EXPECTED);
    }

    @Test
    void verify_ofATargetLackingAnIndex_failsThePhase_namingTheIndex() {
        String source = ApplicationSchema.source(cloud, "finish_verify");
        String target = cloud.database("finish_verify_tgt", ApplicationSchema.DDL.replace(
                "CREATE INDEX orders_customer_idx ON orders (customer_id);", ""));
        JsonNode prepared = ApplicationSchema.preparedAndLoaded(cloud, "handler-finish-verify", source, target, "verify");
        ObjectNode event = LocalCloud.withResult(ApplicationSchema.event(cloud, FinishTargetSchemaHandler.class, "handler-finish-verify",
                source, target, "verify"), "targetSchema", prepared);

        assertThat(prepared.path("detail").asText()).as("what the load needs is there").isEqualTo("pre-data matches the source");
        assertThatThrownBy(() -> SampleEvents.invoke(new FinishTargetSchemaHandler(cloud.environment()), event))
                .isExactlyInstanceOf(TargetSchemaException.class)
                .hasMessageStartingWith("The target's whole schema differs from the source's in 1 objects: missing on the target: "
                        + "index public.orders_customer_idx");
    }
}
