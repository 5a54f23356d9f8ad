package dmsrunbook.schema.proposal;

import java.time.Instant;

/**
 * What a model proposed for one {@link ConversionCandidate}: the PostgreSQL SQL (null when its answer held none, with
 * {@code note} saying so), the model that wrote it and when. A proposal is never applied unless the approver accepts
 * its {@code key}.
 */
public record ConversionProposal(String key, String kind, String sourceText, String sql, String modelId, Instant proposedAt, String note) {

    /** Whether there is SQL to apply. */
    public boolean applicable() {
        return sql != null && !sql.isBlank();
    }
}
