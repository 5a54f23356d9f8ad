package dmsrunbook.rehearsal;

import dmsrunbook.aws.AwsClients;
import dmsrunbook.local.ToolHome;
import dmsrunbook.report.DmsInstancePrices;
import dmsrunbook.report.ExecutionHistory;
import dmsrunbook.report.MigrationReports;
import dmsrunbook.report.RetrievedReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Keeps the rehearsal's migration report: the workflow wrote it to the emulated report bucket, which ends with the
 * rehearsal, so it is copied to {@code <tool home>/rehearsals/<execution>/} (report.html and report.json).
 */
final class RehearsalReport {

    private RehearsalReport() {
    }

    /** Saves the execution's report; returns the summary's line: where it is and its hash, or why it is not there. */
    static String save(AwsClients aws, String executionArn) {
        try {
            RetrievedReport report = new MigrationReports(new ExecutionHistory(aws.sfn()), aws.s3(), aws.dms(), null, DmsInstancePrices.load(),
                    Clock.systemUTC()).fetchOrRebuild(executionArn);
            Path dir = ToolHome.root().resolve("rehearsals").resolve(executionArn.substring(executionArn.lastIndexOf(':') + 1));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.html"), report.files().html(), StandardCharsets.UTF_8);
            Files.write(dir.resolve("report.json"), report.files().json());
            return dir.resolve("report.html") + " (JSON SHA-256 " + report.files().sha256() + (report.rebuilt() ? ", " + report.origin() : "") + ")";
        } catch (IOException | RuntimeException e) {
            return "not saved: " + e.getMessage();
        }
    }
}
