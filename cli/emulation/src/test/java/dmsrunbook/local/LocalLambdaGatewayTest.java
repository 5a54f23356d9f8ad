package dmsrunbook.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

class LocalLambdaGatewayTest {

    private static LocalLambdaGateway gateway;
    private static MotoServer moto;
    private static SfnClient sfn;

    @BeforeAll
    static void start() {
        gateway = LocalLambdaGateway.start();
        moto = MotoServer.start(gateway.port());
        gateway.forwardTo(moto.endpoint());
        sfn = SfnClient.builder().region(Region.US_EAST_1).endpointOverride(gateway.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build();
    }

    @AfterAll
    static void stop() {
        moto.close();
        gateway.close();
    }

    @Test
    void stateMachine_callsTheRegisteredJavaHandler_andCatchesItsExceptionByClassName() throws Exception {
        RequestStreamHandler echo = (in, out, context) -> {
            String input = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (input.contains("boom")) {
                throw new IllegalStateException("boom requested");
            }
            out.write(("{\"echo\":" + input + "}").getBytes(StandardCharsets.UTF_8));
        };
        gateway.register("Echo", () -> echo);
        String definition = """
                {"StartAt":"CallEcho","States":{
                  "CallEcho":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                    "Parameters":{"FunctionName":"arn:aws:lambda:us-east-1:123456789012:function:Echo","Payload.$":"$"},
                    "ResultSelector":{"echo.$":"$.Payload.echo"},"ResultPath":"$.result",
                    "Catch":[{"ErrorEquals":["java.lang.IllegalStateException"],"ResultPath":"$.error","Next":"Caught"}],
                    "End":true},
                  "Caught":{"Type":"Fail","ErrorPath":"$.error.Error","CausePath":"$.error.Cause"}}}""";
        String arn = sfn.createStateMachine(b -> b.name("echo").definition(definition)
                .roleArn("arn:aws:iam::123456789012:role/sfn")).stateMachineArn();

        String ok = sfn.startExecution(b -> b.stateMachineArn(arn).name("ok").input("{\"hello\":\"world\"}")).executionArn();
        String failing = sfn.startExecution(b -> b.stateMachineArn(arn).name("boom").input("{\"hello\":\"boom\"}")).executionArn();

        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(await(ok).output()).at("/result/echo/hello").asText())
                .isEqualTo("world");
        var failed = await(failing);
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failed.cause()).contains("boom requested");
        List<HistoryEvent> history = sfn.getExecutionHistory(b -> b.executionArn(failing)).events();
        assertThat(history).isNotEmpty();
    }

    @Test
    void requestTheEmulationCannotServe_isAnsweredWith500AndTheCause_notADroppedConnection() throws Exception {
        gateway.addInterceptor((request, upstream) -> request.target().equals("Broken.Operation")
                ? java.util.Optional.of(upstream.apply(null)) : java.util.Optional.empty());

        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(gateway.endpoint())
                        .header("X-Amz-Target", "Broken.Operation").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).startsWith("local gateway error: java.lang.NullPointerException");
    }

    @Test
    void functionName_acceptsNamesAndArnsWithQualifiers() {
        assertThat(LocalLambdaGateway.functionName("Echo")).isEqualTo("Echo");
        assertThat(LocalLambdaGateway.functionName("arn:aws:lambda:us-east-1:123456789012:function:Echo:live")).isEqualTo("Echo");
    }

    private static software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse await(String executionArn) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var execution = sfn.describeExecution(b -> b.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING) {
                return execution;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("execution still running: " + executionArn);
    }
}
