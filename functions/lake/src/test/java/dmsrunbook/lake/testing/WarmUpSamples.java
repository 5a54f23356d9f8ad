package dmsrunbook.lake.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the lake jar's warm-up samples ({@code src/main/resources/warm-up/}) with the DMS file generator: a 1,000-row
 * LOAD file and two CDC files of 500 changes of {@code public.orders}, DMS's default shape. Run it again after changing
 * the generator or the table: {@code LakeWarmUpTest} checks the shipped files against the generator's schema.
 * Usage: {@code WarmUpSamples <resources dir>}.
 */
public final class WarmUpSamples {

    /** The workload: seeded, so the samples are the same files every time they are written. */
    public static final DmsWorkload WORKLOAD = new DmsWorkload(2026, 1_000, 1_000, 2, 500, 0.1, 0.2, 0.1);

    private WarmUpSamples() {
    }

    public static void main(String[] args) throws IOException {
        Path resources = Path.of(args.length > 0 ? args[0] : "functions/lake/src/main/resources");
        Path target = resources.resolve("warm-up");
        Path scratch = Files.createTempDirectory("warm-up-samples-");
        DmsEndpointShape shape = DmsEndpointShape.defaults();
        List<GeneratedFile> files = new DmsFileGenerator(shape, SourceTable.orders(), false).generate(WORKLOAD, scratch).files();
        List<String> names = new ArrayList<>();
        for (GeneratedFile file : files) {
            String name = file.key().substring(shape.folder().length() + 1);
            Path copy = target.resolve(name);
            Files.createDirectories(copy.getParent());
            Files.copy(file.file(), copy, StandardCopyOption.REPLACE_EXISTING);
            names.add(name);
        }
        Files.writeString(target.resolve("files.txt"), String.join("\n", names) + "\n");
        System.out.println("wrote " + names + " under " + target);
    }
}
