package dmsrunbook.rehearsal;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's root (where template.yaml and statemachine/ live) from wherever the JVM started. */
public final class ProjectRoot {

    private ProjectRoot() {
    }

    public static Path find() {
        String configured = System.getProperty("dmsrunbook.root", System.getenv("DMS_RUNBOOK_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("statemachine"))) {
                return dir;
            }
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath()
                + ": run from the project, or set DMS_RUNBOOK_ROOT");
    }
}
