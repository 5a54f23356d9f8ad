package dmsrunbook.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.error.RetryableException;
import dmsrunbook.error.TerminalException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every exception type the lake defines is classified once, as the runbook's are: retryable (the same messages can
 * succeed later) or terminal (a person has to change something).
 */
class LakeExceptionsTest {

    @Test
    void everyLakeException_isRetryableOrTerminal() {
        Map<String, Class<?>> exceptions = lakeExceptions();

        assertThat(exceptions).isNotEmpty().allSatisfy((name, type) -> assertThat(
                RetryableException.class.isAssignableFrom(type) || TerminalException.class.isAssignableFrom(type))
                .as("%s is a RetryableException or a TerminalException", name).isTrue());
    }

    @Test
    void aCommitThatLostTheRace_isRetryable_andWhatFailsTheSameWayAgain_isTerminal() {
        Map<String, Class<?>> exceptions = lakeExceptions();

        assertThat(exceptions.get("dmsrunbook.lake.commit.ManifestConflictException")).isAssignableTo(RetryableException.class);
        assertThat(exceptions.get("dmsrunbook.lake.commit.CommitContendedException")).isAssignableTo(RetryableException.class);
        for (String terminal : List.of("dmsrunbook.lake.compaction.InputUnreadableException",
                "dmsrunbook.lake.compaction.ChangeOrderException", "dmsrunbook.lake.compaction.CompactionRowCountException",
                "dmsrunbook.lake.commit.ManifestStore$CorruptManifestException",
                "dmsrunbook.lake.events.S3EventNotices$MalformedEventException",
                "dmsrunbook.lake.parquet.LakeCodecFactory$UnsupportedCodecException",
                "dmsrunbook.lake.layout.UnrecognisedObjectException", "dmsrunbook.lake.InvalidLakeSettingsException")) {
            assertThat(exceptions.get(terminal)).as(terminal).isAssignableTo(TerminalException.class);
        }
    }

    /** Every Throwable among the lake's compiled classes (nested ones included), by name. */
    private static Map<String, Class<?>> lakeExceptions() {
        Map<String, Class<?>> found = new TreeMap<>();
        for (String name : lakeClassNames()) {
            Class<?> type = load(name);
            if (Throwable.class.isAssignableFrom(type)) {
                found.put(name, type);
            }
        }
        return found;
    }

    private static List<String> lakeClassNames() {
        String folder = "dmsrunbook/lake/";
        try {
            Path location = Path.of(CompactDmsChangesHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Stream<String> entries;
            if (Files.isDirectory(location)) {
                try (Stream<Path> paths = Files.walk(location.resolve(folder))) {
                    entries = paths.map(p -> location.relativize(p).toString().replace('\\', '/')).toList().stream();
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    entries = jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(folder)).toList().stream();
                }
            }
            return entries.filter(n -> n.endsWith(".class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, LakeExceptionsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no class " + name, e);
        }
    }
}
