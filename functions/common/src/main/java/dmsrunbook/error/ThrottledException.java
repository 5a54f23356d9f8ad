package dmsrunbook.error;

/** Thrown when an AWS API throttled or had a passing service fault; the state machine retries with backoff. */
public final class ThrottledException extends RetryableException {

    public ThrottledException(String message, Throwable cause) {
        super(message, "Nothing to do: the step is retried with backoff.", cause);
    }
}
