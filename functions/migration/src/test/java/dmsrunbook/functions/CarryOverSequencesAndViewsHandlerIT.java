package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * CarryOverSequencesAndViews on real PostgreSQL: the target's sequences stand where the source's do (a standalone one
 * too), its materialized views hold rows, and a retry of the phase moves nothing.
 */
class CarryOverSequencesAndViewsHandlerIT {

    private static final String ORDERS = "CREATE TABLE orders (id serial PRIMARY KEY, total numeric); CREATE SEQUENCE receipt_seq; "
            + "CREATE MATERIALIZED VIEW order_totals AS SELECT count(*) AS orders, sum(total) AS total FROM orders WITH NO DATA; ";

    private final LocalCloud cloud = LocalCloud.get();

    @Test
    void sampleEvent_movesTheTargetsSequencesToTheSources_refreshesItsViews_andARetryMovesNothing() {
        String source = cloud.database("carry_src", ORDERS + "INSERT INTO orders (total) SELECT g FROM generate_series(1, 12) g; "
                + "SELECT setval('receipt_seq', 300)");
        String target = cloud.database("carry_tgt", ORDERS + "INSERT INTO orders (id, total) SELECT g, g FROM generate_series(1, 12) g");
        CarryOverSequencesAndViewsHandler handler = new CarryOverSequencesAndViewsHandler(cloud.environment());

        JsonNode carried = SampleEvents.invoke(handler,
                cloud.pointAt(SampleEvents.of(CarryOverSequencesAndViewsHandler.class), "handler-carry", source, target));

        assertThat(carried.path("sequencesMoved").asInt()).isEqualTo(2);
        assertThat(carried.path("moved").toString()).contains("public.orders_id_seq -> 12 (source sequence)",
                "public.receipt_seq -> 300 (source sequence)");
        assertThat(carried.path("viewsRefreshed").asInt()).isEqualTo(1);
        assertThat(carried.path("refreshed").get(0).asText()).isEqualTo("public.order_totals");
        assertThat(carried.path("summary").asText()).startsWith("Sequences moved forward on the target: 2.")
                .contains("Materialized views refreshed: 1.");
        assertThat(cloud.query(target, "SELECT orders || '/' || total FROM order_totals")).isEqualTo("12/78");

        JsonNode retried = SampleEvents.invoke(handler,
                cloud.pointAt(SampleEvents.of(CarryOverSequencesAndViewsHandler.class), "handler-carry", source, target));

        assertThat(retried.path("sequencesMoved").asInt()).isZero();
        assertThat(retried.path("sequencesAlreadyAhead").asInt()).isEqualTo(2);
    }
}
