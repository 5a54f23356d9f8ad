package dmsrunbook.workflow;

import java.util.List;

/**
 * What ProposeConversions keeps in the state: whether a model was asked at all (schema.aiAssist), whether every
 * candidate has its proposal, how many have SQL, how many answers held none, how many wait for the next call, the
 * names of the proposals with SQL that an approver may accept (at most {@link #MAX_NAMES}), where the proposals and
 * the report with them side by side are, the text of the SNS notice, what the cutover request adds for the approver
 * (empty when no model was asked: the request's text reads it either way), and since when the model is asked (the
 * loop's limit counts from there).
 */
public record ConversionProposalsOutcome(boolean asked, boolean done, int proposed, int withoutSql, int pending, List<String> names,
                                         int unnamed, String location, String summary, String approvalNote,
                                         java.time.Instant since) {

    /** At most this many names are kept in the state; the report lists them all. */
    static final int MAX_NAMES = 100;

    public ConversionProposalsOutcome {
        names = names == null ? List.of() : List.copyOf(names);
    }

    static ConversionProposalsOutcome notAsked() {
        return new ConversionProposalsOutcome(false, true, 0, 0, 0, List.of(), 0, null, "", "", null);
    }
}
