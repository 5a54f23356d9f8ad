package dmsrunbook.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one execution of the migration did, for a change ticket: its outcome, the timeline of its phases, the
 * preflight and assessment results, every table's rows and copy time, the replication lag over time, the data
 * validations, who approved the cutover and when, how long the application stayed read-only, what was cleaned up, and
 * what the run cost. Written as JSON (hashed, so a filed copy can be checked) and as one self-contained HTML page
 * ({@link ReportHtml}). Absent figures are null: the report says what the execution recorded, nothing guessed.
 */
public record MigrationReport(
        int version,
        String migrationId,
        String execution,
        String status,
        String failedPhase,
        String error,
        String cause,
        String engine,
        String migrationType,
        String source,
        String target,
        Instant startedAt,
        Instant endedAt,
        Long durationSeconds,
        List<Phase> phases,
        Preflight preflight,
        Assessment assessment,
        List<Table> tables,
        List<LagPoint> lag,
        List<Validation> validations,
        CutoverApproval approval,
        Long readOnlyWindowSeconds,
        Cleanup cleanup,
        Cost cost,
        List<String> notes) {

    /** The JSON layout's version: a reader of filed reports knows which fields to expect. */
    public static final int VERSION = 1;

    /**
     * One phase of the runbook as it ran: a Task (or Map) state with the waits and choices of its own loop, from its
     * first entry to its last exit; {@code calls} counts its entries (a poll loop calls many times).
     */
    public record Phase(String name, Instant startedAt, Instant endedAt, long seconds, int calls, boolean failed) {
    }

    /** The preflight's checks: how many ran, passed, and the WARN lines. */
    public record Preflight(int checks, int passed, List<String> warnings) {
    }

    /** The schema assessment: objects per class, the WARN lines, where its full report is, DMS's own assessment. */
    public record Assessment(int objects, Map<String, Integer> counts, List<String> warnings, String reportLocation,
                             String dmsPremigration) {
    }

    /**
     * One table: its rows on source and target (from the final data validation), its verdict, what the engine copied
     * ({@code rowsLoaded}) and how long its full load took ({@code copySeconds}, from DMS's table statistics), and its
     * size when known.
     */
    public record Table(String table, String targetTable, Long sourceRows, Long targetRows, String verdict, Long rowsLoaded,
                        Double copySeconds, Long sizeBytes) {
    }

    /** One sync check's replication lag: {@code loop} is the catch-up before the cutover or the final sync after it. */
    public record LagPoint(Instant at, String loop, double seconds) {
    }

    /** A data validation (in flight, or final after the cutover): its status, its line, and where its report is. */
    public record Validation(String run, String status, String summary, String report) {
    }

    /**
     * The cutover's approval: who ({@code approvedBy}, null when the answer named nobody; "automatic" when the spec's
     * cutover needs none), when it was asked and given.
     */
    public record CutoverApproval(String approvedBy, Instant requestedAt, Instant approvedAt) {
    }

    /** What the end of the replication released on the source, and the sequences and views carried to the target. */
    public record Cleanup(boolean stopped, String detail, List<String> droppedSlots, List<String> droppedPublications,
                          String carriedOver, List<String> appliedConversions) {
    }

    /**
     * The run's cost: a DMS replication instance's hours times its hourly price (from a dated price table), or none
     * for the native engine. {@code text} says it in words, with the price's source, or why it is unknown.
     */
    public record Cost(String engine, String instanceClass, Double hours, Double pricePerHour, Double amount, String currency,
                       String text) {
    }
}
