package dmsrunbook.error;

/**
 * Base of every failure the runbook and the lake report. The class name travels as the Lambda {@code errorType}
 * (fully qualified, as the Java runtime reports it), so the state machine's Retry and Catch can name it.
 * Messages must never contain secrets: they reach SNS and the execution history.
 */
public abstract class RunbookException extends RuntimeException {

    private final String remediation;

    private final String detail;

    protected RunbookException(String detail, String remediation) {
        this(detail, remediation, null);
    }

    protected RunbookException(String detail, String remediation, Throwable cause) {
        // The fix travels in the message: it is what Step Functions keeps as the cause and what on-call reads.
        super(remediation == null || remediation.isEmpty() ? detail
                : detail + (detail.endsWith(".") ? " " : ". ") + "Fix: " + remediation, cause);
        this.detail = detail;
        this.remediation = remediation;
    }

    /** What went wrong, without the fix. */
    public String detail() {
        return detail;
    }

    /** What an engineer should do about it; empty when the message says it all. */
    public String remediation() {
        return remediation == null ? "" : remediation;
    }

    /** Whether trying the same step again later can succeed without anybody changing anything. */
    public abstract boolean isRetryable();
}
