package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.sync.SyncCheck;
import org.junit.jupiter.api.Test;

/** StartReplication: creates the task, then starts it once; the handle tells the state machine how long to wait. */
class StartReplicationHandlerIT {

    private final LocalCloud cloud = LocalCloud.get();

    @Test
    void sampleEvent_createsTheTaskFirst_thenStartsItOnTheNextCall() {
        String source = cloud.database("start_src", "CREATE TABLE orders (id bigint PRIMARY KEY)");
        ObjectNode event = Phases.afterEndpointTests(cloud, StartReplicationHandler.class, "handler-start", source, "tgt");
        StartReplicationHandler handler = new StartReplicationHandler(cloud.environment());

        JsonNode created = SampleEvents.invoke(handler, event);
        JsonNode started = SampleEvents.invoke(handler, LocalCloud.withResult(event, "replication", created));

        assertThat(created.path("started").asBoolean()).isFalse();
        assertThat(created.path("waitSeconds").asInt()).as("a short poll while DMS creates the task").isEqualTo(1);
        assertThat(started.path("started").asBoolean()).isTrue();
        assertThat(started.path("startKind").asText()).isEqualTo("FRESH");
        assertThat(started.path("firstAttemptAt").asText()).isEqualTo(created.path("firstAttemptAt").asText());
        assertThat(started.path("waitSeconds").asInt()).as("the sync loop's stretched poll")
                .isEqualTo(SyncCheck.waitSeconds(1, event.at("/state/spec/thresholds/maxWaitSeconds").asInt()));
        assertThat(cloud.dms.requests("StartReplicationTask")).filteredOn(r -> r.path("ReplicationTaskArn").asText()
                .equals(started.path("id").asText())).hasSize(1);
    }
}
