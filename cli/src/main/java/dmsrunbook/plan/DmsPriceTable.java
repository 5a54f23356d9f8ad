package dmsrunbook.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * On-demand prices of DMS replication instance classes and of DMS Serverless capacity, with where and when they were
 * read: {@code dmsrunbook/plan/dms-prices.json} in the project, or a table of the operator's own in the same format
 * ({@code runbook plan --prices FILE}). Prices change: the table says its date, region and source, and the plan prints
 * them.
 */
public record DmsPriceTable(String region, String currency, String readOn, String source, String note,
                            long defaultBytesPerSecondPer2Vcpu, List<InstanceClass> instanceClasses, Serverless serverless) {

    /** One replication instance class: its size and its single-AZ on-demand price per hour. */
    public record InstanceClass(String name, int vcpu, double memoryGiB, double perHour) {
    }

    /** DMS Serverless: the price of one DMS capacity unit (DCU, 2 GB of memory) per hour, and where it was read. */
    public record Serverless(double perDcuHour, String region, String source) {
    }

    public static final String RESOURCE = "/dmsrunbook/plan/dms-prices.json";
    /** The full-load speed assumed without a rehearsal's measurement: 8 MiB/s for each 2 vCPUs (see the README). */
    public static final long DEFAULT_BYTES_PER_SECOND_PER_2_VCPU = 8L * 1024 * 1024;

    /** The table kept in the project. */
    public static DmsPriceTable bundled() {
        try (InputStream in = DmsPriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the runbook's jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DmsPriceTable read(Path file) {
        try {
            return parse(Files.readString(file), "--prices " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--prices " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    static DmsPriceTable parse(String text, String where) {
        JsonNode json;
        try {
            json = Json.tree(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " is not JSON: write it in the format of the project's cli/src/main/resources" + RESOURCE);
        }
        List<InstanceClass> classes = new ArrayList<>();
        for (JsonNode node : json.path("instanceClasses")) {
            classes.add(new InstanceClass(node.path("class").asText(), node.path("vcpu").asInt(), node.path("memoryGiB").asDouble(),
                    node.path("usdPerHour").asDouble()));
        }
        JsonNode serverless = json.path("serverless");
        if (classes.isEmpty() || classes.stream().anyMatch(c -> c.name().isEmpty() || c.vcpu() <= 0 || c.perHour() <= 0)) {
            throw new IllegalArgumentException(where + " needs instanceClasses, each with class, vcpu, memoryGiB and usdPerHour");
        }
        return new DmsPriceTable(json.path("region").asText("?"), json.path("currency").asText("USD"), json.path("readOn").asText("?"),
                json.path("source").asText("?"), json.path("note").asText(""),
                json.path("defaultFullLoadBytesPerSecondPer2Vcpu").asLong(DEFAULT_BYTES_PER_SECOND_PER_2_VCPU), List.copyOf(classes),
                serverless.path("usdPerDcuHour").asDouble() > 0 ? new Serverless(serverless.path("usdPerDcuHour").asDouble(),
                        serverless.path("region").asText(json.path("region").asText("?")), serverless.path("source").asText("?")) : null);
    }
}
