package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** AlertOnCall: the failure path's one SNS alert (moto's SNS), with the phase, the error, its fix and the execution link. */
class AlertOnCallHandlerIT {

    private final LocalCloud cloud = LocalCloud.get();

    @Test
    void sampleEvent_sendsOneAlert_withTheCauseAndItsFix() {
        ObjectNode event = SampleEvents.of(AlertOnCallHandler.class);
        SampleEvents.spec(event).put("alertTopicArn", cloud.topicArn);

        JsonNode alert = SampleEvents.invoke(new AlertOnCallHandler(cloud.environment()), event);

        assertThat(alert.path("topicArn").asText()).isEqualTo(cloud.topicArn);
        assertThat(alert.path("messageId").asText()).isNotBlank();
        // moto holds no history for the sample's execution, so the phase is not known: the alert goes out regardless.
        assertThat(alert.path("subject").asText()).isEqualTo("[dms-runbook] fluxocaixa-to-aurora FAILED in an unknown phase");
        assertThat(alert.path("message").asText()).contains("Error: PreflightFailedException",
                "Cause: 1 of 16 preflight checks failed: FAIL source wal_level: is replica", "ALTER SYSTEM SET wal_level = logical",
                "Execution: https://us-east-1.console.aws.amazon.com/states/home?region=us-east-1#/v2/executions/details/"
                        + "arn:aws:states:us-east-1:123456789012:execution:MigrationStateMachine:fluxocaixa-2026-12-05")
                .doesNotContain("stackTrace");
        // and the failed execution's report is in the report bucket, linked with the hash of its JSON
        assertThat(alert.path("message").asText()).contains("Report: s3://" + cloud.reportBucket
                + "/reports/MigrationStateMachine/fluxocaixa-2026-12-05/report.html", "SHA-256 " + alert.at("/report/sha256").asText());
        assertThat(alert.at("/report/sha256").asText()).hasSize(64);
    }

    @Test
    void causeQuotingACredential_isMaskedBeforeItLeaves() {
        ObjectNode event = SampleEvents.of(AlertOnCallHandler.class);
        SampleEvents.spec(event).put("alertTopicArn", cloud.topicArn);
        ((ObjectNode) event.at("/state/failure")).put("Error", "java.lang.IllegalStateException")
                .put("Cause", "{\"errorMessage\": \"driver said: connect to postgres://migrator:s3cr3t-pw@db:5432/app failed, password=s3cr3t-pw\"}");

        JsonNode alert = SampleEvents.invoke(new AlertOnCallHandler(cloud.environment()), event);

        assertThat(alert.path("message").asText()).contains("postgres://migrator:****@db", "password=****").doesNotContain("s3cr3t-pw");
    }

    @Test
    void specThatNeverValidated_isNamedFromTheExecutionInput_andAlertsTheStackTopic() {
        ObjectNode event = SampleEvents.of(AlertOnCallHandler.class);
        ((ObjectNode) event.get("state")).remove("spec");

        JsonNode alert = SampleEvents.invoke(new AlertOnCallHandler(cloud.environment()), event);

        assertThat(alert.path("topicArn").asText()).isEqualTo(cloud.topicArn);
        assertThat(alert.path("subject").asText()).startsWith("[dms-runbook] fluxocaixa-to-aurora FAILED");
    }
}
