package dmsrunbook.error;

/**
 * Base of every failure the runbook reports. The class name travels as the Lambda {@code errorType}
 * (fully qualified, as the Java runtime reports it), so the state machine's Retry and Catch can name it.
 * Messages must never contain secrets: they reach SNS and the execution history.
 */
public abstract class RunbookException extends RuntimeException {

    private final String remediation;

    protected RunbookException(String message, String remediation) {
        super(message);
        this.remediation = remediation;
    }

    protected RunbookException(String message, String remediation, Throwable cause) {
        super(message, cause);
        this.remediation = remediation;
    }

    /** What an engineer should do about it; empty when the message says it all. */
    public String remediation() {
        return remediation == null ? "" : remediation;
    }

    /** Whether trying the same step again later can succeed without anybody changing anything. */
    public abstract boolean isRetryable();
}
