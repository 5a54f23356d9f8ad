package dmsrunbook.lake.testing;

/**
 * How much to generate and how changes mix.
 *
 * @param seed            random seed (same seed, same files)
 * @param loadRows        rows in the full load
 * @param loadRowsPerFile rows per LOAD file
 * @param cdcFiles        CDC files
 * @param rowsPerCdcFile  changes per CDC file
 * @param deleteShare     share of changes that delete (0..1)
 * @param insertShare     share that insert (new keys, or keys deleted earlier: delete + re-insert)
 * @param repeatShare     share of changes that hit a key changed earlier in the same file
 */
public record DmsWorkload(long seed, int loadRows, int loadRowsPerFile, int cdcFiles, int rowsPerCdcFile, double deleteShare,
                          double insertShare, double repeatShare) {

    public static DmsWorkload small() {
        return new DmsWorkload(42, 500, 200, 6, 120, 0.15, 0.25, 0.2);
    }
}
