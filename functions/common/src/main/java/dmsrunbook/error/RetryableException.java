package dmsrunbook.error;

/** A passing failure (throttling, a dropped connection): the state machine retries it with backoff. */
public abstract class RetryableException extends RunbookException {

    protected RetryableException(String message, String remediation, Throwable cause) {
        super(message, remediation, cause);
    }

    @Override
    public final boolean isRetryable() {
        return true;
    }
}
