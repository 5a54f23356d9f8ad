package dmsrunbook.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** How an AWS SDK failure is classified: what the state machine retries, and as which error. */
class FailuresTest {

    @Test
    void awsThatCannotBeReached_isRetriedAsUnreachable_notAsThrottled() {
        RunbookException refused = Failures.ofAws("DMS DescribeReplicationTasks",
                SdkClientException.create("Unable to execute HTTP request: Connection refused", new ConnectException("Connection refused")));
        RunbookException timedOut = Failures.ofAws("SNS Publish",
                SdkClientException.create("Unable to execute HTTP request: Read timed out", new SocketTimeoutException("Read timed out")));

        assertThat(refused).isInstanceOf(AwsUnreachableException.class).isNotInstanceOf(ThrottledException.class);
        assertThat(refused.isRetryable()).isTrue();
        assertThat(refused.getMessage()).contains("DMS DescribeReplicationTasks could not reach AWS");
        assertThat(timedOut).isInstanceOf(AwsUnreachableException.class);
        assertThat(timedOut.getCause()).isInstanceOf(SdkClientException.class);
    }

    @Test
    void databaseConnectionsRefusedCutOrShutDown_areRetryable_andNameTheDatabase_whileRefusedCredentialsAreTerminal() {
        for (String state : java.util.List.of("08001", "08006", "57P01", "57P02", "57P03", "53300")) {
            RunbookException failure = Failures.ofSql("Reading the subscription", "aurora-postgresql shop@10.0.0.5:5432",
                    new java.sql.SQLException("FATAL: the database system is shutting down", state));

            assertThat(failure).as(state).isInstanceOf(DatabaseUnavailableException.class);
            assertThat(failure.isRetryable()).as(state).isTrue();
            assertThat(((DatabaseUnavailableException) failure).database()).isEqualTo("aurora-postgresql shop@10.0.0.5:5432");
        }
        assertThat(Failures.ofSql("Connecting", "postgres shop@10.0.0.5:5432", new java.sql.SQLException("password authentication failed", "28P01")))
                .isInstanceOf(DatabaseAccessException.class).satisfies(f -> assertThat(f.isRetryable()).isFalse());
    }

    @Test
    void throttlingAndServiceFaults_stayThrottled() {
        RunbookException throttled = Failures.ofAws("DMS StartReplicationTask", service(400, "ThrottlingException"));
        RunbookException tooMany = Failures.ofAws("SFN SendTaskSuccess", service(429, "TooManyRequestsException"));
        RunbookException fault = Failures.ofAws("Glue GetTable", service(503, "ServiceUnavailable"));

        assertThat(throttled).isInstanceOf(ThrottledException.class);
        assertThat(tooMany).isInstanceOf(ThrottledException.class);
        assertThat(fault).isInstanceOf(ThrottledException.class).hasMessageContaining("ServiceUnavailable");
        assertThat(fault.isRetryable()).isTrue();
    }

    @Test
    void aRequestAwsRefused_isTerminal_andNamesTheFix() {
        RunbookException denied = Failures.ofAws("Secrets Manager GetSecretValue", service(400, "AccessDeniedException"));

        assertThat(denied).isInstanceOf(AwsRequestFailedException.class);
        assertThat(denied.isRetryable()).isFalse();
        assertThat(denied.remediation()).contains("Grant the function's role");
    }

    private static AwsServiceException service(int status, String code) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " from the service").build())
                .build();
    }
}
