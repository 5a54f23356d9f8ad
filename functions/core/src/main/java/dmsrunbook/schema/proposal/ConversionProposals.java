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

    /** These proposals and {@code next}. */
    public ConversionProposals with(ConversionProposal next) {
        List<ConversionProposal> all = new ArrayList<>(proposals);
        all.add(next);
        return new ConversionProposals(migrationId, modelId, all);
    }
}
