package dmsrunbook.lake;

import dmsrunbook.lake.events.S3EventNotices;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Warms the lake before SnapStart takes its snapshot: parses a sample S3 notification and runs the real compaction and
 * current-state merge on the jar's DMS-shaped samples ({@link LakeWarmUp}), so the first batch after a restore finds
 * its classes loaded and its loops compiled (the snapshot keeps the JIT's code).
 */
final class SnapStartPriming implements Resource {

    private static final String SAMPLE_EVENT = "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},"
            + "\"object\":{\"key\":\"dms/public/t/LOAD00000001.parquet\",\"eTag\":\"e\"}}}]}";

    private SnapStartPriming() {
    }

    /** Registers the priming with the CRaC runtime (a no-op outside SnapStart). */
    static void register() {
        Core.getGlobalContext().register(new SnapStartPriming());
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        S3EventNotices.parse(SAMPLE_EVENT);
        LakeWarmUp.run(LakeWarmUp.DEFAULT_ROUNDS);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: the AWS clients resolve credentials on each call.
    }
}
