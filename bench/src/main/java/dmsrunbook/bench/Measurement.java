package dmsrunbook.bench;

import java.util.List;

/**
 * One measured run.
 *
 * @param what        e.g. "compaction, lake"
 * @param seconds     wall time
 * @param cpuSeconds  CPU time of the whole process (JVM and DuckDB's native threads) during the step
 * @param rowsIn      rows read
 * @param bytesIn     bytes read
 * @param heapPeak    most JVM memory still in use after a garbage collection (bytes)
 * @param rssPeak     peak process RSS (bytes)
 * @param outputs     files written
 */
record Measurement(String what, double seconds, double cpuSeconds, long rowsIn, long bytesIn, long heapPeak, long rssPeak,
                   List<OutputStats> outputs) {

    double rowsPerSecond() {
        return rowsIn / seconds;
    }

    double megabytesPerSecond() {
        return bytesIn / 1e6 / seconds;
    }

    /**
     * One output file.
     *
     * @param name          file name
     * @param bytes         size
     * @param rows          rows
     * @param rowGroups     row groups
     */
    record OutputStats(String name, long bytes, long rows, int rowGroups) {
    }
}
