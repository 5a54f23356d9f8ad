package dmsrunbook.report;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The hourly prices of DMS replication instance classes the report's cost uses: a dated table in the project
 * ({@code report/dms-instance-prices.json}) with its region and source. Prices change and differ by region: the report
 * names the table's date and region next to every amount.
 */
public record DmsInstancePrices(String region, String currency, String recorded, String source, Map<String, Double> perHour) {

    /** The project's table. */
    public static DmsInstancePrices load() {
        try (InputStream in = DmsInstancePrices.class.getResourceAsStream("/report/dms-instance-prices.json")) {
            JsonNode table = Json.tree(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            Map<String, Double> prices = new HashMap<>();
            table.get("perHour").fields().forEachRemaining(e -> prices.put(e.getKey(), e.getValue().asDouble()));
            return new DmsInstancePrices(table.get("region").asText(), table.get("currency").asText(), table.get("recorded").asText(),
                    table.get("source").asText(), Map.copyOf(prices));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Double> hourly(String instanceClass) {
        return Optional.ofNullable(instanceClass == null ? null : perHour.get(instanceClass));
    }

    /** Where the prices come from, in a few words, e.g. "us-east-1 on-demand prices recorded 2026-12-07". */
    public String provenance() {
        return region + " on-demand prices recorded " + recorded + " from " + source;
    }
}
