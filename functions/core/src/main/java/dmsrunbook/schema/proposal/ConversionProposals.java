package dmsrunbook.schema.proposal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proposals of one execution, stored with its assessment report and read back before asking the model again:
 * a retried or re-polled phase asks only for what has no proposal yet.
 */
public record ConversionProposals(String migrationId, String modelId, List<ConversionProposal> proposals) {

    public ConversionProposals {
        proposals = List.copyOf(proposals);
    }

    public static ConversionProposals none(String migrationId, String modelId) {
        return new ConversionProposals(migrationId, modelId, List.of());
    }

    public Optional<ConversionProposal> proposal(String key) {
        return proposals.stream().filter(p -> p.key().equals(key)).findFirst();
    }

    /** Each proposal's SQL by its key, or its note as an SQL comment when the model gave none: what a report shows beside the source. */
    public java.util.Map<String, String> byKey() {
        java.util.Map<String, String> byKey = new java.util.LinkedHashMap<>();
        proposals.forEach(p -> byKey.put(p.key(), p.applicable() ? p.sql() : "-- " + p.note()));
        return byKey;
    }

    /** These proposals and {@code next}. */
    public ConversionProposals with(ConversionProposal next) {
        List<ConversionProposal> all = new ArrayList<>(proposals);
        all.add(next);
        return new ConversionProposals(migrationId, modelId, all);
    }
}
