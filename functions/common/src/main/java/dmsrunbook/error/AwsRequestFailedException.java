package dmsrunbook.error;

/** Thrown when an AWS API refused a request for a reason retrying cannot fix (access denied, not found, invalid). */
public final class AwsRequestFailedException extends TerminalException {

    public AwsRequestFailedException(String message, String remediation, Throwable cause) {
        super(message, remediation, cause);
    }
}
