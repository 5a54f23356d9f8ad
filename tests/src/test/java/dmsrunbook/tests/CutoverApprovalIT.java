package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.cli.RunbookCommand;
import dmsrunbook.deploy.CutoverApproval;
import dmsrunbook.deploy.Executions;
import dmsrunbook.deploy.LocalAws;
import dmsrunbook.internal.Json;
import dmsrunbook.rehearsal.ProjectRoot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * On-call's side of the cutover, on moto's Step Functions running the machine's own approval states (from
 * RequestCutoverApproval to the next phase, which stands in as the end): the CLI finds the request's task token in the
 * execution's history, and whatever the approver sends, the execution keeps who approved and nothing else.
 */
class CutoverApprovalIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static LocalAws aws;
    private static String topicArn;
    private static String machineArn;
    private static Executions machine;

    @TempDir
    Path folder;

    @BeforeAll
    static void deployTheApprovalStates() throws IOException {
        aws = LocalAws.start();
        topicArn = aws.clients().sns().createTopic(b -> b.name("dms-runbook-approvals")).topicArn();
        String definition = approvalStates().toString();
        machineArn = aws.sfn().createStateMachine(b -> b.name("cutover-approval").definition(definition)
                .roleArn("arn:aws:iam::" + LocalAws.ACCOUNT + ":role/dms-runbook-state-machine")).stateMachineArn();
        machine = new Executions(aws.sfn(), machineArn);
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void onCallApprovesWithTheCli_whichFindsTheTokenInTheHistory_andTheExecutionGoesOnKeepingWhoApproved() throws IOException {
        // GIVEN a migration started with the CLI, waiting for its cutover approval
        String execution = cli("start", specFile("approved-with-cli").toString(), "--state-machine-arn", machineArn,
                "--name", "approved-with-cli").trim();
        awaitTaskToken(execution);
        assertThat(cli("status", execution)).contains("status: RUNNING", "phase:  RequestCutoverApproval");

        // WHEN on-call approves with the CLI, naming no token
        String approved = cli("approve", execution, "--approved-by", "on-call engineer");

        // THEN the execution goes on, keeping who approved
        assertThat(approved).contains("cutover approved by on-call engineer");
        assertThat(approvalKept(execution)).isEqualTo(Json.tree("{\"approvedBy\": \"on-call engineer\"}"));
    }

    @Test
    void onCallAcceptsConversionProposalsWithTheCli_andTheExecutionKeepsExactlyTheAcceptedNames() throws IOException {
        String execution = machine.startMigration(Files.readString(specFile("accepts-proposals")), "accepts-proposals");
        awaitTaskToken(execution);

        // The request on-call reads names the proposals waiting for their decision
        assertThat(requestMessage(execution)).contains("Conversion proposals by a model wait for your decision: procedure shop.add_order");

        String approved = cli("approve", execution, "--approved-by", "on-call engineer",
                "--accept", "procedure shop.add_order", "--accept", "function shop.order_count");

        assertThat(approved).contains("accepted conversion proposals: procedure shop.add_order, function shop.order_count");
        JsonNode output = endState(execution);
        assertThat(output.path("approval")).isEqualTo(Json.tree("{\"approvedBy\": \"on-call engineer\"}"));
        assertThat(output.path("conversionAcceptance")).isEqualTo(Json.tree("{\"names\": [\"procedure shop.add_order\", \"function shop.order_count\"]}"));
    }

    @Test
    void anApprovalAcceptingNothing_keepsNoAcceptance() throws IOException {
        String execution = machine.startMigration(Files.readString(specFile("accepts-nothing")), "accepts-nothing");
        awaitTaskToken(execution);

        cli("approve", execution, "--approved-by", "on-call engineer");

        assertThat(endState(execution).has("conversionAcceptance")).isFalse();
    }

    @Test
    void approverAnswersWithMoreThanTheirName_theExecutionKeepsOnlyWhoApproved() throws IOException {
        String execution = machine.startMigration(Files.readString(specFile("answer-with-extras")), "answer-with-extras");

        // WHEN the answer carries a note and something that must never be kept
        aws.sfn().sendTaskSuccess(b -> b.taskToken(awaitTaskToken(execution))
                .output("{\"approvedBy\": \"on-call engineer\", \"note\": \"read-only since 02:00\", \"password\": \"hunter2\"}"));

        // THEN only who approved reaches the next phase
        assertThat(approvalKept(execution)).isEqualTo(Json.tree("{\"approvedBy\": \"on-call engineer\"}"));
        assertThat(machine.describe(execution).output()).doesNotContain("hunter2", "read-only since");
    }

    @Test
    void approverAnswersWithoutTheirName_theCutoverGoesOnAsApproved_keepingNoneOfTheAnswer() throws IOException {
        String execution = machine.startMigration(Files.readString(specFile("answer-without-name")), "answer-without-name");

        aws.sfn().sendTaskSuccess(b -> b.taskToken(awaitTaskToken(execution)).output("{\"approved\": true, \"note\": \"go\"}"));

        assertThat(approvalKept(execution)).isEqualTo(Json.tree("{\"approvedBy\": null}"));
    }

    @Test
    void approvingAnExecutionThatNeverAskedForIt_failsWithExitOne_sayingSo() {
        // GIVEN an execution of a machine that asks for no approval
        String waiting = aws.sfn().createStateMachine(b -> b.name("never-asks").definition(
                        "{\"StartAt\": \"Wait\", \"States\": {\"Wait\": {\"Type\": \"Wait\", \"Seconds\": 300, \"End\": true}}}")
                .roleArn("arn:aws:iam::" + LocalAws.ACCOUNT + ":role/dms-runbook-state-machine")).stateMachineArn();
        String execution = new Executions(aws.sfn(), waiting).start("never-asks", "{}");
        try {
            // WHEN on-call tries to approve it
            StringWriter out = new StringWriter();
            int exit = RunbookCommand.run(new PrintWriter(out, true), new PrintWriter(out, true),
                    "approve", execution, "--endpoint-url", aws.endpoint().toString());

            // THEN nothing is sent, and the CLI says why
            assertThat(exit).isEqualTo(1);
            assertThat(out.toString()).contains("execution " + execution + " is not waiting for a cutover approval");
        } finally {
            aws.sfn().stopExecution(b -> b.executionArn(execution));
        }
    }

    // ------------------------------------------------------------------ the machine's approval states

    /**
     * The machine's own states from RequestCutoverApproval to the next phase: a Pass stands in for the phases before
     * it (the spec as the execution input, a sync and a data validation result), the next phase is the end, the alert a Fail.
     */
    private static ObjectNode approvalStates() throws IOException {
        JsonNode asl = Json.tree(Files.readString(ProjectRoot.find().resolve("statemachine/migration.asl.json")));
        ObjectNode states = Json.MAPPER.createObjectNode();
        states.set("ReachedTheCutover", Json.tree("""
                {"Type": "Pass", "Parameters": {"spec.$": "$", "sync": {"detail": "latency 0 s"},
                 "dataValidation": {"summary": "3 of 3 tables equal; 2046 rows on the source, 2046 on the target"},
                 "conversionProposals": {"approvalNote": "\\n\\nConversion proposals by a model wait for your decision: procedure shop.add_order"}},
                 "Next": "RequestCutoverApproval"}"""));
        Deque<String> todo = new ArrayDeque<>(List.of("RequestCutoverApproval"));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (states.has(name)) {
                continue;
            }
            if (name.equals("CheckFinalSync")) {
                states.set(name, Json.tree("{\"Type\": \"Succeed\"}"));
            } else if (name.equals("AlertOnCall")) {
                states.set(name, Json.tree("{\"Type\": \"Fail\", \"Error\": \"AlertOnCall\"}"));
            } else {
                JsonNode state = asl.path("States").path(name);
                states.set(name, state);
                for (String field : List.of("Next", "Default")) {
                    if (state.has(field)) {
                        todo.push(state.path(field).asText());
                    }
                }
                state.path("Choices").forEach(rule -> todo.push(rule.path("Next").asText()));
                state.path("Catch").forEach(rule -> todo.push(rule.path("Next").asText()));
            }
        }
        ObjectNode machine = Json.MAPPER.createObjectNode().put("StartAt", "ReachedTheCutover");
        machine.set("States", states);
        return machine;
    }

    // ------------------------------------------------------------------ on-call's moves

    private Path specFile(String migrationId) throws IOException {
        Path file = folder.resolve(migrationId + ".json");
        Files.writeString(file, """
                {"migrationId": "%s", "migrationType": "full-load-and-cdc",
                 "source": {"engine": "postgres", "host": "source.example.internal", "database": "orders",
                            "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/source"},
                 "target": {"engine": "aurora-postgresql", "host": "target.example.internal", "database": "orders",
                            "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/target"},
                 "tableMappings": {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all",
                     "object-locator": {"schema-name": "public", "table-name": "%%"}, "rule-action": "include"}]},
                 "dms": {"replicationInstanceArn": "arn:aws:dms:us-east-1:123456789012:rep:instance",
                         "secretsAccessRoleArn": "arn:aws:iam::123456789012:role/dms-runbook-secrets-access"},
                 "cutover": {"policy": "approval", "approvalTimeoutSeconds": 600},
                 "alertTopicArn": "%s"}
                """.formatted(migrationId, topicArn));
        return file;
    }

    /** Runs the CLI against the emulation; returns what it printed, failing unless it exits 0. */
    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        String[] withEndpoint = Stream.concat(Arrays.stream(args), Stream.of("--endpoint-url", aws.endpoint().toString()))
                .toArray(String[]::new);
        int exit = RunbookCommand.run(new PrintWriter(out, true), new PrintWriter(out, true), withEndpoint);
        assertThat(exit).as("runbook %s: %s", String.join(" ", args), out).isZero();
        return out.toString();
    }

    /** The task token of the execution's approval request, once it has been sent. */
    private static String awaitTaskToken(String execution) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                return CutoverApproval.pendingTaskToken(aws.sfn(), execution);
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                sleep();
            }
        }
    }

    /** The cutover request's text, as the execution scheduled its SNS task. */
    private static String requestMessage(String execution) {
        return aws.sfn().getExecutionHistory(b -> b.executionArn(execution)).events().stream()
                .filter(e -> e.taskScheduledEventDetails() != null && e.taskScheduledEventDetails().parameters() != null)
                .map(e -> Json.tree(e.taskScheduledEventDetails().parameters()).path("Message").asText())
                .findFirst().orElseThrow(() -> new AssertionError("no cutover request in " + execution));
    }

    /** What the execution kept of the approval, once it reached the next phase. */
    private static JsonNode approvalKept(String execution) {
        return endState(execution).path("approval");
    }

    /** The state the execution reached the next phase with. */
    private static JsonNode endState(String execution) {
        DescribeExecutionResponse result = machine.awaitEnd(execution, TIMEOUT);
        assertThat(result.status()).as("cause: %s", result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return Json.tree(result.output());
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
