package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** StopReplication: asks DMS to stop, is polled until the task stopped, then closes with the migration's summary. */
class StopReplicationHandlerIT {

    private final LocalCloud cloud = LocalCloud.get();

    @Test
    void runningTask_isStopped_thenSummarised() {
        String source = cloud.database("stop_src", "CREATE TABLE orders (id bigint PRIMARY KEY)");
        ObjectNode event = Phases.afterStart(cloud, StopReplicationHandler.class, "handler-stop", source, "tgt");
        StopReplicationHandler handler = new StopReplicationHandler(cloud.environment());

        JsonNode stopping = SampleEvents.invoke(handler, event);
        JsonNode stopped = SampleEvents.invoke(handler, LocalCloud.withResult(event, "stop", stopping));

        assertThat(stopping.path("stopped").asBoolean()).isFalse();
        assertThat(stopping.path("detail").asText()).isEqualTo("DMS task stopping");
        assertThat(stopping.path("summary").isMissingNode()).as("no summary before it stopped").isTrue();
        assertThat(stopped.path("stopped").asBoolean()).isTrue();
        assertThat(stopped.path("stoppingSince").asText()).isEqualTo(stopping.path("stoppingSince").asText());
        assertThat(stopped.path("summary").asText()).startsWith("Migration handler-stop is complete (dms, full-load-and-cdc).")
                .contains("Data validated after the final sync: 3 of 3 tables equal; 2046 rows on the source, 2046 on the target",
                        "Sequences moved forward on the target: 3 (1 already ahead).", "public.transacoes_id_seq -> 2000 (source sequence)",
                        "Materialized views refreshed: 0.");
    }
}
