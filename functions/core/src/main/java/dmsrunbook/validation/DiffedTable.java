package dmsrunbook.validation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dmsrunbook.validation.diff.TableDiffRequest;
import dmsrunbook.validation.diff.TableDiffResult;

/**
 * One unit of diff work (a table, or one key range of it) and how it went: its result, or why it could not be diffed
 * ({@code failure}: a terminal error's message with its fix, such as a diff that ran out of time). One of the two is
 * set. Kept per work item in the validation store, so a re-check knows what it re-checks.
 */
public record DiffedTable(TableDiffRequest request, TableDiffResult result, String failure) {

    public static DiffedTable diffed(TableDiffRequest request, TableDiffResult result) {
        return new DiffedTable(request, result, null);
    }

    public static DiffedTable failed(TableDiffRequest request, String failure) {
        return new DiffedTable(request, null, failure);
    }

    /** Nothing left to re-check: equal, or failed (a re-check would fail the same way). */
    @JsonIgnore
    public boolean settled() {
        return failure != null || result.equal();
    }
}
