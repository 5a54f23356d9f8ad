package dmsrunbook.validation;

import dmsrunbook.validation.diff.TableDiffRequest;

/** A table (or a key range of a split table) to diff, with the rows the catalog estimates it holds. */
public record PlannedDiff(TableDiffRequest request, long estimatedRows) {
}
