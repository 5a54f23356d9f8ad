package dmsrunbook.bench;

import dmsrunbook.lake.testing.DmsWorkload;
import java.util.List;

/**
 * One generated DMS output to measure on: a full load and CDC files of the {@code public.orders} table.
 *
 * @param name            folder and report name
 * @param loadRows        full-load rows (one LOAD file)
 * @param cdcFiles        CDC files
 * @param rowsPerCdcFile  changes per CDC file
 */
public record BenchScenario(String name, int loadRows, int cdcFiles, int rowsPerCdcFile) {

    /**
     * At least the sizes the issue asks for (1,000 files of 1,000 rows; 200 files of 50,000 rows), the second grown
     * to 300 files so its input passes 1 GB: the run under a 512 MB heap then proves the heap target as stated.
     */
    public static List<BenchScenario> full() {
        return List.of(new BenchScenario("1000-files-x-1k-rows", 100_000, 1_000, 1_000),
                new BenchScenario("300-files-x-50k-rows", 1_000_000, 300, 50_000));
    }

    /** A quick run while developing. */
    public static List<BenchScenario> small() {
        return List.of(new BenchScenario("100-files-x-1k-rows", 10_000, 100, 1_000),
                new BenchScenario("10-files-x-50k-rows", 100_000, 10, 50_000));
    }

    public static List<BenchScenario> of(String scale) {
        return switch (scale) {
            case "full" -> full();
            case "small" -> small();
            default -> throw new IllegalArgumentException("scale must be full or small, not " + scale);
        };
    }

    public DmsWorkload workload() {
        return new DmsWorkload(2026, loadRows, loadRows, cdcFiles, rowsPerCdcFile, 0.1, 0.2, 0.05);
    }
}
