package dmsrunbook.report;

/**
 * A report as {@code runbook report} found it: fetched from where the execution wrote it ({@code origin} is that
 * location), or rebuilt from the execution's history ({@code rebuilt}; {@code origin} says why).
 */
public record RetrievedReport(ReportFiles files, String origin, boolean rebuilt) {
}
