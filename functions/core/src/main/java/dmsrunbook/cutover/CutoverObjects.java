package dmsrunbook.cutover;

import dmsrunbook.schema.ObjectName;
import java.util.List;

/**
 * What the cutover carried over that replication does not: the target sequences it moved forward, those already far
 * enough, the source sequences the target lacks, and the materialized views it refreshed, in refresh order.
 */
public record CutoverObjects(List<SequenceMove> movedSequences, List<ObjectName> sequencesAlreadyAhead,
                             List<ObjectName> sequencesMissingOnTarget, List<MaterializedViewRefresh> refreshedViews) {

    public CutoverObjects {
        movedSequences = List.copyOf(movedSequences);
        sequencesAlreadyAhead = List.copyOf(sequencesAlreadyAhead);
        sequencesMissingOnTarget = List.copyOf(sequencesMissingOnTarget);
        refreshedViews = List.copyOf(refreshedViews);
    }

    /** Nothing to carry (a target without sequences or materialized views, e.g. not PostgreSQL). */
    public static CutoverObjects none() {
        return new CutoverObjects(List.of(), List.of(), List.of(), List.of());
    }

    /** One paragraph for the completion message, every name listed. */
    public String summary() {
        return summary(Integer.MAX_VALUE);
    }

    /**
     * One paragraph for the completion message: the counts, and at most {@code namesShown} names of each list (the
     * rest counted), so a schema of thousands of sequences still fits a notification.
     */
    public String summary(int namesShown) {
        StringBuilder text = new StringBuilder("Sequences moved forward on the target: ").append(movedSequences.size());
        if (!sequencesAlreadyAhead.isEmpty()) {
            text.append(" (").append(sequencesAlreadyAhead.size()).append(" already ahead)");
        }
        text.append('.');
        lines(text, movedSequences.stream().map(SequenceMove::describe).toList(), namesShown);
        if (!sequencesMissingOnTarget.isEmpty()) {
            text.append("\nSource sequences missing on the target: ").append(sequencesMissingOnTarget.size()).append('.');
            lines(text, sequencesMissingOnTarget.stream().map(ObjectName::toString).toList(), namesShown);
        }
        long concurrently = refreshedViews.stream().filter(MaterializedViewRefresh::concurrently).count();
        text.append("\nMaterialized views refreshed: ").append(refreshedViews.size());
        if (concurrently > 0) {
            text.append(" (").append(concurrently).append(" concurrently)");
        }
        text.append('.');
        lines(text, refreshedViews.stream().map(view -> view.view().toString()).toList(), namesShown);
        return text.toString();
    }

    private static void lines(StringBuilder text, List<String> names, int shown) {
        names.stream().limit(shown).forEach(name -> text.append("\n  ").append(name));
        if (names.size() > shown) {
            text.append("\n  ... and ").append(names.size() - shown).append(" more");
        }
    }
}
