package dmsrunbook.workflow;

import dmsrunbook.cutover.CutoverObjects;
import dmsrunbook.cutover.SequenceMove;
import java.util.List;

/**
 * What the cutover carried to the target that replication does not, as the state keeps it: how many sequences it
 * moved forward (and found already ahead, or missing on the target), how many materialized views it refreshed, the
 * first {@link #NAMES_KEPT} of each by name, and the paragraph the completion message quotes (as bounded).
 */
public record CarriedOver(int sequencesMoved, int sequencesAlreadyAhead, int sequencesMissingOnTarget, int viewsRefreshed,
                          List<String> moved, List<String> refreshed, String summary) {

    /** Names kept per list: the state and the completion message stay small however many objects there are. */
    public static final int NAMES_KEPT = 25;

    static CarriedOver of(CutoverObjects objects) {
        return new CarriedOver(objects.movedSequences().size(), objects.sequencesAlreadyAhead().size(),
                objects.sequencesMissingOnTarget().size(), objects.refreshedViews().size(),
                objects.movedSequences().stream().limit(NAMES_KEPT).map(SequenceMove::describe).toList(),
                objects.refreshedViews().stream().limit(NAMES_KEPT).map(view -> view.view().toString()
                        + (view.concurrently() ? " (concurrently)" : "")).toList(),
                objects.summary(NAMES_KEPT));
    }
}
