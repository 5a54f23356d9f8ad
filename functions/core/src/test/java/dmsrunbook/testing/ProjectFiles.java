package dmsrunbook.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The project's own files (example specs, the JSON Schema), found from the project root: the folder holding template.yaml. */
public final class ProjectFiles {

    private ProjectFiles() {
    }

    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    public static JsonNode json(String relativePath) {
        try {
            return Json.tree(Files.readString(root().resolve(relativePath)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example specs shipped in events/specs, by file. */
    public static List<Path> exampleSpecs() {
        try (Stream<Path> files = Files.list(root().resolve("events/specs"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
