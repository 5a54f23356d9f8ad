package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.cli.RunbookCommand;
import dmsrunbook.rehearsal.ProjectRoot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runbook validate} checks a spec on this machine as the workflow's first phase does, and says what only the
 * deployed stack can check (its region, account and name prefixes); a spec Step Functions would refuse is refused.
 */
class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void validate_acceptsAShippedExample_andSaysWhatOnlyTheStackChecks() {
        StringWriter out = new StringWriter();

        int exit = RunbookCommand.run(new PrintWriter(out, true), new PrintWriter(out, true), "validate",
                ProjectRoot.find().resolve("events/specs/postgres15-to-aurora-postgresql.json").toString());

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).startsWith("OK: ").contains("Not checked here: that the ARNs are in the stack's region and account",
                "SecretNamePrefix, AlertTopicNamePrefix and PassRoleNamePrefix");
    }

    @Test
    void validate_refusesASpecWithTextAfterIt_namingWhere() throws Exception {
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, Files.readString(ProjectRoot.find().resolve("events/specs/postgres15-to-aurora-postgresql.json")) + "\n}");
        StringWriter out = new StringWriter();

        int exit = RunbookCommand.run(new PrintWriter(out, true), new PrintWriter(out, true), "validate", spec.toString());

        assertThat(exit).as(out.toString()).isNotZero();
        assertThat(out.toString()).contains("$: has more text after the JSON object at line");
    }
}
