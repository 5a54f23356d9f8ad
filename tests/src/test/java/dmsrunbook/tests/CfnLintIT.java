package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.local.ToolHome;
import dmsrunbook.rehearsal.ProjectRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** template.yaml passes cfn-lint (the pinned one cli/setup/install-deps puts in the project's virtualenv) with no error. */
class CfnLintIT {

    @Test
    void templateYaml_passesCfnLint() throws Exception {
        Path cfnLint = ToolHome.venv().resolve("bin/cfn-lint");
        assertThat(Files.isExecutable(cfnLint)).as("%s (run cli/setup/install-deps)", cfnLint).isTrue();
        Path root = ProjectRoot.find();

        Process lint = new ProcessBuilder(cfnLint.toString(), "template.yaml").directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();

        assertThat(lint.exitValue()).as("cfn-lint template.yaml said:\n%s", output).isZero();
    }
}
