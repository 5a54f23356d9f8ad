package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.cli.RunbookCommand;
import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, on a smaller database: a real migration on this machine ends with a matching summary. */
class RehearsalIT {

    @TempDir
    Path dir;

    @Test
    void rehearse_nativeEngine_migratesWhileTheApplicationWrites_andExitsZeroWithNothingLeftBehind() throws IOException {
        Path throughput = dir.resolve("throughput.json");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        StringWriter err = new StringWriter();
        int exit;
        System.setOut(new PrintStream(console, true));
        try {
            exit = RunbookCommand.run(new PrintWriter(System.out, true), new PrintWriter(err, true),
                    "rehearse", "--transactions", "20000", "--users", "300", "--writes-per-second", "40",
                    "--throughput-file", throughput.toString());
        } finally {
            System.setOut(original);
        }
        String output = console.toString();
        original.println(output);
        assertThat(exit).as("exit code; stderr: %s", err).isZero();
        assertThat(output).contains("phase: MigrationSucceeded", "cutover requested: the application is read-only now",
                "cutover approved", "execution SUCCEEDED", "same balances on both sides", "slots left on source: 0",
                "data validated while writing: 3 of 3 tables equal", "data validated at cutover:    3 of 3 tables equal",
                "2 of 2 invariants hold",
                "publications left:    0", "subscriptions left:   0", "REHEARSAL PASSED");
        assertThat(output).containsPattern("transacoes\\s+(\\d+)\\s+\\1\\s+match");
        // and the migration report the workflow wrote is kept, its path in the summary
        java.util.regex.Matcher report = java.util.regex.Pattern.compile("migration report: +(\\S+/rehearsals/\\S+/report\\.html) \\(JSON SHA-256 [0-9a-f]{64}\\)")
                .matcher(output);
        assertThat(report.find()).as("the summary says where the report is").isTrue();
        assertThat(java.nio.file.Path.of(report.group(1))).content().contains("Migration rehearsal-native: SUCCEEDED", "<svg id=\"lag\"");
        // and the initial copy's speed is recorded for runbook plan: every row of the three tables, in a measured time
        assertThat(output).containsPattern("initial copy: +\\d+ rows, \\d+ bytes in \\d+\\.\\d s: .* \\(recorded in " + java.util.regex.Pattern.quote(throughput.toString()));
        JsonNode recorded = Json.tree(Files.readString(throughput));
        assertThat(recorded.path("engine").asText()).isEqualTo("postgres-native");
        assertThat(recorded.path("rows").asLong()).as("300 users, 6 categories and 20,000 transactions").isEqualTo(20_306);
        assertThat(recorded.path("bytes").asLong()).isPositive();
        assertThat(recorded.path("seconds").asDouble()).isPositive();
    }
}
