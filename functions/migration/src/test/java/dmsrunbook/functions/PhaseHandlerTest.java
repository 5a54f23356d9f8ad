package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.InvalidSpecException;
import dmsrunbook.internal.Json;
import dmsrunbook.local.LocalLambdaGateway;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every handler's failures leave it the way the Lambda Java runtime reports them: the exception itself, unwrapped,
 * so its class name becomes the error that the state machine's Retry and Catch match, and nothing on the output.
 */
class PhaseHandlerTest {

    private static LocalLambdaGateway runtime;

    @BeforeAll
    static void startALambdaRuntime() {
        runtime = LocalLambdaGateway.start();
        runtime.register("ValidateMigrationSpecFunction", () -> new ValidateMigrationSpecHandler(Map.of()));
        runtime.register("RunPreflightChecksFunction", () -> new RunPreflightChecksHandler(Map.of()));
    }

    @AfterAll
    static void stopIt() {
        runtime.close();
    }

    @Test
    void failingPhase_throwsItsOwnExceptionUnwrapped_andWritesNoOutput() {
        ObjectNode event = SampleEvents.of(ValidateMigrationSpecHandler.class);
        ((ObjectNode) event.get("spec")).remove("source");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> new ValidateMigrationSpecHandler(Map.of())
                .handleRequest(new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)), out, null))
                .isExactlyInstanceOf(InvalidSpecException.class);
        assertThat(out.size()).isZero();
    }

    @Test
    void failingPhase_reachesTheStateMachineAsTheExceptionsClassName_withTheFixInTheMessage() throws Exception {
        ObjectNode event = SampleEvents.of(ValidateMigrationSpecHandler.class);
        ((ObjectNode) event.get("spec")).remove("source");

        HttpResponse<String> response = invoke("ValidateMigrationSpecFunction", event.toString());

        JsonNode error = Json.tree(response.body());
        assertThat(response.headers().firstValue("X-Amz-Function-Error")).hasValue("Unhandled");
        assertThat(error.path("errorType").asText()).isEqualTo("dmsrunbook.error.InvalidSpecException");
        assertThat(error.path("errorMessage").asText()).contains("source: is required", "Fix: correct the fields above");
    }

    @Test
    void workflowPhase_withAStateWhoseSpecIsBroken_failsWithTheSpecError_beforeTouchingAnything() throws Exception {
        ObjectNode event = SampleEvents.of(RunPreflightChecksHandler.class);
        SampleEvents.spec(event).remove("migrationId");

        JsonNode error = Json.tree(invoke("RunPreflightChecksFunction", event.toString()).body());

        assertThat(error.path("errorType").asText()).isEqualTo("dmsrunbook.error.InvalidSpecException");
    }

    @Test
    void eventThatIsNotJson_failsAsAnInputError() throws Exception {
        JsonNode error = Json.tree(invoke("ValidateMigrationSpecFunction", "migrationId=orders").body());

        assertThat(error.path("errorType").asText()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(error.path("errorMessage").asText()).startsWith("cannot read Request");
    }

    @Test
    void succeedingPhase_answersWithItsResultOnly() throws Exception {
        HttpResponse<String> response = invoke("ValidateMigrationSpecFunction", SampleEvents.of(ValidateMigrationSpecHandler.class).toString());

        assertThat(response.headers().firstValue("X-Amz-Function-Error")).isEmpty();
        assertThat(Json.tree(response.body()).path("migrationId").asText()).isEqualTo("fluxocaixa-to-aurora");
    }

    private static HttpResponse<String> invoke(String function, String payload) throws Exception {
        URI uri = runtime.endpoint().resolve("/2015-03-31/functions/" + function + "/invocations");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
