package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.ReplicationFailedException;
import dmsrunbook.local.DmsGaps.TableStatistic;
import dmsrunbook.local.EmbeddedMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CheckReplication: one poll of the sync loop on a started DMS task (table statistics as DMS would report them). */
class CheckReplicationHandlerIT {

    private final LocalCloud cloud = LocalCloud.get();

    @Test
    void taskStillLoading_isReportedLoading_withItsTables() {
        ObjectNode event = Phases.afterStart(cloud, CheckReplicationHandler.class, "handler-check-loading", source(), "tgt");
        cloud.dms.reportTableStatistics("handler-check-loading", List.of(
                new TableStatistic("public", "orders", "Table completed", 10, 0, 0, 0),
                new TableStatistic("public", "items", "Full load", 3, 0, 0, 0)));

        EmbeddedMetrics.Captured<JsonNode> poll = EmbeddedMetrics.during(
                () -> SampleEvents.invoke(new CheckReplicationHandler(cloud.environment()), event));
        JsonNode sync = poll.result();
        List<EmbeddedMetrics.Record> metrics = poll.records();

        assertThat(sync.path("status").asText()).isEqualTo("loading");
        assertThat(sync.path("tablesLoaded").asInt()).isEqualTo(1);
        assertThat(sync.path("tablesTotal").asInt()).isEqualTo(2);
        assertThat(sync.path("polls").asInt()).isEqualTo(1);
        // The same poll, as CloudWatch sees it: per migration and engine, whatever the engine.
        assertThat(metrics).hasSize(1);
        assertThat(metrics.get(0).dimension("Migration")).isEqualTo("handler-check-loading");
        assertThat(metrics.get(0).dimension("Engine")).isEqualTo("dms");
        assertThat(metrics.get(0).value("TablesLoaded")).isEqualTo(1.0);
        assertThat(metrics.get(0).value("InSync")).isEqualTo(0.0);
    }

    @Test
    void failedTask_isResumedOnce_andFailingAgain_stopsTheMigration_withDmsMessage() {
        ObjectNode event = Phases.afterStart(cloud, CheckReplicationHandler.class, "handler-check-failed", source(), "tgt");
        cloud.dms.failTask("handler-check-failed", "ERROR: permission denied for table orders");
        CheckReplicationHandler handler = new CheckReplicationHandler(cloud.environment());

        JsonNode resumed = SampleEvents.invoke(handler, event);

        assertThat(resumed.path("detail").asText()).startsWith("DMS task handler-check-failed failed: ERROR: permission denied for table orders; "
                + "resumed at");
        assertThat(cloud.dms.requests("StartReplicationTask")).filteredOn(r -> r.path("ReplicationTaskArn").asText()
                .endsWith(":handler-check-failed")).extracting(r -> r.path("StartReplicationTaskType").asText()).last().isEqualTo("resume-processing");
        assertThatThrownBy(() -> SampleEvents.invoke(handler, LocalCloud.withResult(event, "sync", resumed)))
                .isExactlyInstanceOf(ReplicationFailedException.class)
                .hasMessageContaining("DMS task handler-check-failed failed: ERROR: permission denied for table orders again after this check "
                        + "resumed it at");
    }

    private String source() {
        return cloud.database("check_src", "CREATE TABLE orders (id bigint PRIMARY KEY)");
    }
}
