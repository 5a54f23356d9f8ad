package dmsrunbook.schema.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model is asked once per object: what was proposed (and saved) before is never asked again, and a deadline leaves the rest for the next call. */
class ConversionProposerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    /** Answers every prompt with a fenced CREATE naming how many times it was asked. */
    private static final class CountingModel implements ConversionModel {
        final List<String> asked = new ArrayList<>();

        @Override
        public String answer(ConversionPrompt prompt) {
            asked.add(prompt.user());
            return "```sql\nCREATE VIEW shop.v" + asked.size() + " AS SELECT 1;\n```";
        }

        @Override
        public String modelId() {
            return "test.model-v1";
        }
    }

    @Test
    void proposedBefore_isNotAskedAgain_andEachAnswerIsSavedAsItArrives() {
        CountingModel model = new CountingModel();
        List<ConversionCandidate> candidates = List.of(candidate("view shop.a"), candidate("view shop.b"), candidate("view shop.c"));
        ConversionProposals before = ConversionProposals.none("shop", "test.model-v1")
                .with(new ConversionProposal("view shop.b", "view", "CREATE VIEW b", "CREATE VIEW shop.b AS SELECT 2;", "test.model-v1", CLOCK.instant(), null));
        List<ConversionProposals> saved = new ArrayList<>();

        ConversionProposer.Progress progress = new ConversionProposer(model, CLOCK).propose(candidates, before, saved::add, CLOCK.instant().plusSeconds(60));

        assertThat(model.asked).hasSize(2).allSatisfy(prompt -> assertThat(prompt).doesNotContain("CREATE VIEW b"));
        assertThat(saved).hasSize(2);
        assertThat(progress.pending()).isZero();
        assertThat(progress.proposals().proposals()).extracting(ConversionProposal::key).containsExactly("view shop.b", "view shop.a", "view shop.c");
        assertThat(progress.proposals().proposal("view shop.b").orElseThrow().sql()).isEqualTo("CREATE VIEW shop.b AS SELECT 2;");
    }

    @Test
    void pastTheDeadline_nothingIsAsked_andTheRestIsPending() {
        CountingModel model = new CountingModel();

        ConversionProposer.Progress progress = new ConversionProposer(model, CLOCK).propose(List.of(candidate("view shop.a")),
                ConversionProposals.none("shop", "test.model-v1"), p -> { }, CLOCK.instant());

        assertThat(model.asked).isEmpty();
        assertThat(progress.pending()).isEqualTo(1);
    }

    private static ConversionCandidate candidate(String key) {
        return new ConversionCandidate(key, "view", "CREATE VIEW " + key.substring(key.lastIndexOf('.') + 1) + " AS SELECT 1", "shop", List.of(), List.of());
    }
}
