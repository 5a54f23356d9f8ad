package dmsrunbook.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.InvalidSpecException;
import dmsrunbook.internal.Json;
import dmsrunbook.spec.SpecReader;
import dmsrunbook.testing.LocalSpecs;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A phase reads its spec once, where its request's JSON enters: through SpecReader (checked, defaults filled), into
 * the {@code MigrationSpec} the phase passes on, never as JSON to read again.
 */
class PhaseRequestTest {

    @Test
    void phaseRequestRead_carriesItsSpecAsSpecReaderReadsIt_defaultsFilledIn() {
        // GIVEN a phase request whose spec names no thresholds and no cutover policy
        ObjectNode spec = spec("phase-request");

        // WHEN the phase reads its request
        PhaseRequest request = read(spec);

        // THEN the spec arrives read and normalised, as SpecReader reads it
        assertThat(request.state().spec()).isEqualTo(SpecReader.read(spec));
        assertThat(request.state().spec().thresholds()).isNotNull();
        assertThat(request.state().spec().cutover()).isNotNull();
    }

    @Test
    void phaseRequestWhoseSpecHasAProblem_isRejectedWhereItIsRead() {
        ObjectNode spec = spec("phase-request").put("migrationId", "Not_A_Valid_Id");

        assertThatThrownBy(() -> read(spec)).hasRootCauseInstanceOf(InvalidSpecException.class)
                .rootCause().hasMessageContaining("migrationId");
    }

    private static PhaseRequest read(ObjectNode spec) {
        ObjectNode request = Json.MAPPER.createObjectNode().put("executionId", "arn:aws:states:us-east-1:123456789012:execution:m:e");
        request.putObject("state").set("spec", spec);
        return Json.read(request.toString().getBytes(StandardCharsets.UTF_8), PhaseRequest.class);
    }

    private static ObjectNode spec(String migrationId) {
        return LocalSpecs.dms(migrationId,
                new LocalSpecs.Side("postgres", "source.example.internal", 5432, "orders", LocalSpecs.unreadSecret("source")),
                new LocalSpecs.Side("aurora-postgresql", "target.example.internal", 5432, "orders", LocalSpecs.unreadSecret("target")),
                "public");
    }
}
