package dmsrunbook.spec;

/**
 * How the cutover happens: after a person approves (the default) or at once; how long an approval may take;
 * and how little latency is left before the final counts (the application is read-only by then).
 */
public record CutoverSpec(CutoverPolicy policy, int approvalTimeoutSeconds, int maxFinalLatencySeconds) {

    public static final int DEFAULT_APPROVAL_TIMEOUT_SECONDS = 72 * 3600;
    public static final int DEFAULT_MAX_FINAL_LATENCY_SECONDS = 1;
}
