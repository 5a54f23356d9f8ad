package dmsrunbook.schema.proposal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Asks a model for a PostgreSQL version of each candidate that has no proposal yet, one at a time, saving after each
 * answer: a retried phase, or the next call of the loop, finds what was proposed and never asks for it again. Stops
 * asking at {@code deadline} (a Lambda's time), leaving the rest for the next call.
 */
public final class ConversionProposer {

    private final ConversionModel model;
    private final Clock clock;

    public ConversionProposer(ConversionModel model, Clock clock) {
        this.model = model;
        this.clock = clock;
    }

    /** The proposals after this call, and how many candidates still have none. */
    public record Progress(ConversionProposals proposals, int asked, int pending) {
    }

    public Progress propose(List<ConversionCandidate> candidates, ConversionProposals existing, Consumer<ConversionProposals> save, Instant deadline) {
        ConversionProposals proposals = existing;
        int asked = 0;
        int pending = 0;
        for (ConversionCandidate candidate : candidates) {
            if (proposals.proposal(candidate.key()).isPresent()) {
                continue;
            }
            if (!clock.instant().isBefore(deadline)) {
                pending++;
                continue;
            }
            String answer = model.answer(ConversionPrompt.of(candidate));
            asked++;
            String sql = ConversionPrompt.sqlOf(answer);
            proposals = proposals.with(new ConversionProposal(candidate.key(), candidate.kind(), candidate.sourceText(), sql,
                    model.modelId(), clock.instant(), sql == null ? "the model's answer held no SQL: write this one by hand" : null));
            save.accept(proposals);
        }
        return new Progress(proposals, asked, pending);
    }
}
