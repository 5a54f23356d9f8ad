package dmsrunbook.local;

import java.nio.file.Path;

/** Where {@code cli/setup/install-deps} puts the project's own tools: {@code $DMS_RUNBOOK_HOME}, default ~/.dms-runbook. */
public final class ToolHome {

    private ToolHome() {
    }

    public static Path root() {
        String configured = System.getenv("DMS_RUNBOOK_HOME");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".dms-runbook");
    }

    /** The Python virtualenv holding the pinned moto server and cfn-lint. */
    public static Path venv() {
        return root().resolve("venv");
    }
}
