package dmsrunbook.workflow;

import dmsrunbook.validation.RowCountReport;
import java.util.List;

/** A row count comparison as the state keeps it: totals, and the tables that only matched as in-flight. */
public record CountSummary(String mode, int tables, long sourceRows, long targetRows, List<String> inFlight, String countedHow) {

    static CountSummary of(RowCountReport report) {
        List<String> inFlight = report.tables().stream().filter(t -> "in-flight".equals(t.verdict()))
                .map(t -> t.sourceTable() + " (" + t.source() + " vs " + t.target() + ")").toList();
        return new CountSummary(report.mode().value(), report.tables().size(), report.sourceRows(), report.targetRows(),
                inFlight, report.targetCountSource());
    }
}
