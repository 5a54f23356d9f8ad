package dmsrunbook.error;

import java.sql.SQLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Classifies low-level failures once, so every caller reports them the same way: passing faults become
 * {@link RetryableException}s the state machine retries, the rest terminal errors that name what to fix.
 */
public final class Failures {

    private Failures() {
    }

    /** Maps an AWS SDK failure of {@code action} (e.g. "DMS StartReplicationTask") to a runbook failure. */
    public static RunbookException ofAws(String action, SdkException e) {
        if (e instanceof AwsServiceException service) {
            if (service.isThrottlingException() || service.statusCode() >= 500) {
                return new ThrottledException(action + " was throttled or hit a service fault: " + codeOf(service), e);
            }
            String code = codeOf(service);
            return new AwsRequestFailedException(action + " failed: " + code + ": " + messageOf(service),
                    remediationFor(code), e);
        }
        if (e instanceof SdkClientException) {
            // No answer from AWS (network, DNS, timeout): not a throttle, but passing all the same.
            return new AwsUnreachableException(action + " could not reach AWS: " + e.getMessage(), e);
        }
        return new AwsRequestFailedException(action + " failed: " + e.getMessage(), "", e);
    }

    /** Maps a JDBC failure while doing {@code action} on {@code database} (a name, never a URL with credentials). */
    public static RunbookException ofSql(String action, String database, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String what = action + " on " + database + " failed: " + firstLine(e.getMessage()) + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")");
        // 08: connection exceptions; 57P01-57P03: the server shut down (admin, crash) or cannot connect now (starting up,
        // recovering); 53300: too many connections. All pass: restarts and failovers end.
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03") || state.equals("53300")
                || state.equals("HY000") && isConnectionMessage(e)) {
            return new DatabaseUnavailableException(what, database, e);
        }
        if (state.startsWith("28")) {
            return new DatabaseAccessException(what, "check the user name and password in the endpoint's secret, and pg_hba.conf or the user's host grants", e);
        }
        if (state.equals("42501")) {
            return new DatabaseAccessException(what, "grant the migration user the privilege named above", e);
        }
        return new DatabaseAccessException(what, "correct the statement or the object named above", e);
    }

    private static boolean isConnectionMessage(SQLException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase();
        return message.contains("connect") || message.contains("socket") || message.contains("timed out");
    }

    private static String codeOf(AwsServiceException e) {
        return e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
    }

    private static String messageOf(AwsServiceException e) {
        return e.awsErrorDetails() == null ? String.valueOf(e.getMessage()) : e.awsErrorDetails().errorMessage();
    }

    private static String remediationFor(String code) {
        if (code == null) {
            return "";
        }
        if (code.contains("AccessDenied") || code.contains("Unauthorized")) {
            return "Grant the function's role the action named above on that resource.";
        }
        if (code.contains("NotFound")) {
            return "Check the ARN or name in the spec; the resource does not exist in this account and region.";
        }
        return "";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
