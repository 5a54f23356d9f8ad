package dmsrunbook.bench;

/**
 * One measured run of one method of comparing the two sides.
 *
 * @param seconds          wall time, connecting included
 * @param jvmCpuSeconds    this JVM's CPU time during the run
 * @param sourceCpuSeconds the source server's CPU time for the run (-1: unknown)
 * @param targetCpuSeconds the target server's
 * @param sourceBytes      bytes the source database sent to this JVM
 * @param targetBytes      bytes the target database sent
 * @param sentBytes        bytes this JVM sent to both databases (queries, parameters)
 * @param heapLive         most heap still in use right after a garbage collection during the run
 * @param heapPeak         sum of the heap pools' peak usage during the run (garbage included: an upper bound)
 * @param detail           what the method did and found, e.g. "checksum queries 1, rows fetched 0"
 */
record MethodRun(double seconds, double jvmCpuSeconds, double sourceCpuSeconds, double targetCpuSeconds, long sourceBytes,
                 long targetBytes, long sentBytes, long heapLive, long heapPeak, String detail) {

    /** Seconds the source's bytes would take over a 100 Mbit/s site-to-site VPN (the runbook runs beside the target). */
    double sourceVpnSeconds() {
        return sourceBytes * 8 / 100e6;
    }

    /** Seconds both sides' bytes would take over such a link (the runbook on neither site). */
    double bothVpnSeconds() {
        return (sourceBytes + targetBytes) * 8 / 100e6;
    }
}
