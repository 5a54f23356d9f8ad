package dmsrunbook.bench;

import dmsrunbook.lake.testing.DmsEndpointShape;
import dmsrunbook.lake.testing.DmsFileGenerator;
import dmsrunbook.lake.testing.SourceTable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the benchmark's DMS-shaped input (DMS defaults: Parquet 1.0, uncompressed, micros, 10,024-row groups) with
 * the same generator the tests use. Run in its own JVM: generation is not what is measured.
 * Usage: {@code GenerateBenchInput <small|full> <dir>}.
 */
public final class GenerateBenchInput {

    private GenerateBenchInput() {
    }

    public static void main(String[] args) throws Exception {
        String scale = args.length > 0 ? args[0] : "small";
        Path dir = Path.of(args.length > 1 ? args[1] : "bench/results/input");
        for (BenchScenario scenario : BenchScenario.of(scale)) {
            Path target = dir.resolve(scenario.name());
            if (Files.exists(target.resolve("DONE"))) {
                System.out.println(scenario.name() + ": already generated");
                continue;
            }
            long start = System.nanoTime();
            DmsFileGenerator.Generated generated = new DmsFileGenerator(DmsEndpointShape.defaults(), SourceTable.orders(), false)
                    .generate(scenario.workload(), target);
            Files.writeString(target.resolve("DONE"), generated.files().size() + " files\n");
            System.out.printf("%s: %d files, %.1f MB, %.1f s%n", scenario.name(), generated.files().size(), generated.bytes() / 1e6,
                    (System.nanoTime() - start) / 1e9);
        }
    }
}
