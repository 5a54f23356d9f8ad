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

    /** One paragraph for the completion message. */
    public String summary() {
        StringBuilder text = new StringBuilder("Sequences moved forward on the target: ").append(movedSequences.size());
        if (!sequencesAlreadyAhead.isEmpty()) {
            text.append(" (").append(sequencesAlreadyAhead.size()).append(" already ahead)");
        }
        text.append('.');
        movedSequences.forEach(move -> text.append("\n  ").append(move.describe()));
        if (!sequencesMissingOnTarget.isEmpty()) {
            text.append("\nSource sequences missing on the target: ").append(sequencesMissingOnTarget);
        }
        long concurrently = refreshedViews.stream().filter(MaterializedViewRefresh::concurrently).count();
        text.append("\nMaterialized views refreshed: ").append(refreshedViews.size());
        if (concurrently > 0) {
            text.append(" (").append(concurrently).append(" concurrently)");
        }
        text.append('.');
        refreshedViews.forEach(view -> text.append("\n  ").append(view.view()));
        return text.toString();
    }
}
