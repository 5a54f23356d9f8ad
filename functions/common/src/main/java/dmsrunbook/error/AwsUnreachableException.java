package dmsrunbook.error;

/**
 * Thrown when an AWS API could not be reached: no route or DNS, a connection refused or reset, a timeout before any
 * answer. AWS said nothing, so nothing was refused; the state machine retries it with backoff, as it does throttling.
 */
public final class AwsUnreachableException extends RetryableException {

    public AwsUnreachableException(String message, Throwable cause) {
        super(message, "Check the function's network path to AWS (VPC endpoints or NAT, security groups, DNS) if it persists; "
                + "the step is retried with backoff.", cause);
    }
}
