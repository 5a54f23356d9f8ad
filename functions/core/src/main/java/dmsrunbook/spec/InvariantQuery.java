package dmsrunbook.spec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A business invariant: a named read-only query run on the source and on the target, whose results must be equal.
 * {@code targetSql} replaces {@code sql} on the target when the two databases need different SQL (null: the same).
 * {@code expected}, when present, is what both results must also be: one value for a one-row, one-column result
 * (e.g. {@code 0}), or an array of rows, each an array of values; null (absent) expects nothing in particular.
 */
public record InvariantQuery(String name, String sql, String targetSql, JsonNode expected) {

    /** The SQL run on the target. */
    public String sqlOnTarget() {
        return targetSql == null ? sql : targetSql;
    }

    public boolean hasExpected() {
        return expected != null;
    }
}
