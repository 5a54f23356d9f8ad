package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** SyncSequences on real PostgreSQL: the target's sequences the cutover moved past the migrated keys. */
class SyncSequencesHandlerIT {

    private static final String ORDERS = "CREATE TABLE orders (id serial PRIMARY KEY, total numeric); ";

    private final LocalCloud cloud = LocalCloud.get();

    @Test
    void sampleEvent_movesTheTargetsSequencePastTheCopiedIds() {
        String source = cloud.database("sequences_src", ORDERS + "INSERT INTO orders (total) SELECT g FROM generate_series(1, 12) g");
        String target = cloud.database("sequences_tgt", ORDERS + "INSERT INTO orders (id, total) SELECT g, g FROM generate_series(1, 12) g");

        JsonNode summary = SampleEvents.invoke(new SyncSequencesHandler(cloud.environment()),
                cloud.pointAt(SampleEvents.of(SyncSequencesHandler.class), "handler-sequences", source, target));

        assertThat(summary.path("moved").asInt()).isEqualTo(1);
        assertThat(summary.path("sequences").get(0).path("sequence").asText()).isEqualTo("public.orders_id_seq");
        assertThat(summary.path("sequences").get(0).path("value").asLong()).isEqualTo(12);
    }
}
