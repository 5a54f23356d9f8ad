package dmsrunbook.report;

/**
 * Where a report was written and the SHA-256 of its JSON, or, when it could not be written, why ({@code problem});
 * {@link #line()} is what the completion and failure messages say about it.
 */
public record ReportLink(String location, String jsonLocation, String sha256, String problem) {

    public static ReportLink notWritten(String problem) {
        return new ReportLink(null, null, null, problem);
    }

    public boolean written() {
        return problem == null;
    }

    /** The message's lines about the report. */
    public String line() {
        return written()
                ? "Report: " + location + "\nReport data: " + jsonLocation + " (SHA-256 " + sha256 + ")"
                : "Report not written: " + problem;
    }
}
