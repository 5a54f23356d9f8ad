package dmsrunbook.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs the phases before the one under test, as the state machine would, so its sample event carries real results:
 * endpoints created and tested, a task created and started.
 */
final class Phases {

    private Phases() {
    }

    /** The sample event of {@code handler}, for migration {@code migrationId}, after its endpoints were created and tested. */
    static ObjectNode afterEndpointTests(LocalCloud cloud, Class<? extends PhaseHandler<?, ?>> handler, String migrationId,
                                         String sourceDatabase, String targetDatabase) {
        ObjectNode event = cloud.pointAt(SampleEvents.of(handler), migrationId, sourceDatabase, targetDatabase);
        ObjectNode tests = (ObjectNode) SampleEvents.invoke(new TestEndpointConnectionsHandler(cloud.environment()),
                cloud.pointAt(SampleEvents.of(TestEndpointConnectionsHandler.class), migrationId, sourceDatabase, targetDatabase));
        return LocalCloud.withResult(event, "endpoints", tests.put("status", "SUCCESSFUL"));
    }

    /** The same, after StartReplication created the task and, asked again, started it. */
    static ObjectNode afterStart(LocalCloud cloud, Class<? extends PhaseHandler<?, ?>> handler, String migrationId,
                                 String sourceDatabase, String targetDatabase) {
        ObjectNode event = afterEndpointTests(cloud, handler, migrationId, sourceDatabase, targetDatabase);
        ObjectNode start = afterEndpointTests(cloud, StartReplicationHandler.class, migrationId, sourceDatabase, targetDatabase);
        StartReplicationHandler starter = new StartReplicationHandler(cloud.environment());
        JsonNode created = SampleEvents.invoke(starter, start);
        JsonNode started = SampleEvents.invoke(starter, LocalCloud.withResult(start, "replication", created));
        return LocalCloud.withResult(event, "replication", started);
    }
}
