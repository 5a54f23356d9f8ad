package dmsrunbook.validation;

import java.util.List;

/** Every selected table's counts, and how they were taken. */
public record RowCountReport(ValidationRun mode, List<TableCount> tables, String targetCountSource) {

    public List<TableCount> mismatches() {
        return tables.stream().filter(t -> "mismatch".equals(t.verdict())).toList();
    }

    public long sourceRows() {
        return tables.stream().mapToLong(TableCount::source).sum();
    }

    public long targetRows() {
        return tables.stream().mapToLong(t -> t.target() == null ? 0 : t.target()).sum();
    }
}
