package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.RowCountMismatchException;
import org.junit.jupiter.api.Test;

/** ValidateRowCounts on real PostgreSQL: the totals the state keeps, or the tables that differ as one error. */
class ValidateRowCountsHandlerIT {

    private static final String ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY); ";

    private final LocalCloud cloud = LocalCloud.get();

    @Test
    void sampleEvent_onEqualTables_returnsTheTotals() {
        ObjectNode event = event("handler-counts", 5, 5);

        JsonNode counts = SampleEvents.invoke(new ValidateRowCountsHandler(cloud.environment()), event);

        assertThat(counts.path("mode").asText()).isEqualTo("in-flight");
        assertThat(counts.path("tables").asInt()).isEqualTo(1);
        assertThat(counts.path("sourceRows").asLong()).isEqualTo(5);
        assertThat(counts.path("targetRows").asLong()).isEqualTo(5);
        assertThat(counts.path("countedHow").asText()).isEqualTo("exact counts on the target");
    }

    @Test
    void finalCountWithALostRow_failsNamingTheTable() {
        ObjectNode event = event("handler-counts-final", 5, 4).put("countMode", "final");

        assertThatThrownBy(() -> SampleEvents.invoke(new ValidateRowCountsHandler(cloud.environment()), event))
                .isExactlyInstanceOf(RowCountMismatchException.class)
                .hasMessageContaining("Row counts differ (final): public.orders source 5 vs target 4");
    }

    private ObjectNode event(String migrationId, int sourceRows, int targetRows) {
        return cloud.pointAt(SampleEvents.of(ValidateRowCountsHandler.class), migrationId,
                cloud.database("counts_src", ORDERS + rows(sourceRows)), cloud.database("counts_tgt", ORDERS + rows(targetRows)));
    }

    private static String rows(int count) {
        return "INSERT INTO orders SELECT g FROM generate_series(1, " + count + ") g";
    }
}
