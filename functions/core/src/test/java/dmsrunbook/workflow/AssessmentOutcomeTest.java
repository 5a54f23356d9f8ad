package dmsrunbook.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.internal.Json;
import dmsrunbook.preflight.CheckStatus;
import dmsrunbook.schema.assessment.AssessedKind;
import dmsrunbook.schema.assessment.AssessedObject;
import dmsrunbook.schema.assessment.AssessmentClass;
import dmsrunbook.schema.assessment.SchemaAssessment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the state keeps of a large assessment stays small (Step Functions passes at most 256 KB from state to state):
 * every count and unit, the WARN lines up to a limit, and the most important objects up to a byte budget.
 */
class AssessmentOutcomeTest {

    @Test
    void assessmentOfTwentyThousandObjects_keepsEveryCount_andAFewTensOfKilobytes() {
        List<AssessedObject> objects = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            objects.add(AssessedObject.of(AssessedKind.COLUMN, "shop.table_" + (i / 20) + ".column_" + i, AssessmentClass.CARRIED,
                    "text; DMS moves it as a LOB (NCLOB) in limited LOB mode", "carried with the rows"));
        }
        for (int i = 0; i < 300; i++) {
            objects.add(AssessedObject.of(AssessedKind.GRANT, "role_" + i, AssessmentClass.NEEDS_PERSON, "grants", "re-grant them"));
        }
        SchemaAssessment report = new SchemaAssessment("big", Instant.EPOCH, "dms", "source", "target", objects, List.of(), null);

        AssessmentOutcome outcome = AssessmentOutcome.of(report, "s3://reports/assessments/big/run/");

        assertThat(Json.write(outcome).getBytes(StandardCharsets.UTF_8).length).isLessThan(100 * 1024);
        assertThat(outcome.objects()).isEqualTo(20_300);
        assertThat(outcome.counts()).containsEntry("carried", 20_000).containsEntry("needs-person", 300).containsEntry("not-supported", 0);
        assertThat(outcome.units().get("needs-person")).isEqualTo(300);
        assertThat(outcome.warnings()).hasSize(AssessmentOutcome.MAX_LINES + 1).last().asString().contains("260 more in the full report");
        assertThat(outcome.listed()).isNotEmpty().first().extracting(AssessedObject::status).isEqualTo(CheckStatus.WARN);
        assertThat(outcome.listed().size() + outcome.unlisted()).isEqualTo(20_300);
        assertThat(outcome.summary()).contains("needs a person: 300", "Full report: s3://reports/assessments/big/run/assessment.html");
    }

    @Test
    void routinesWithLargeSourceTexts_leaveTheirTextsInTheFullReport_andTheListedObjectsWithinTheirBudget() {
        // GIVEN a MySQL schema of 2,000 procedures, each 40 KB of source text a person must rewrite
        String body = "BEGIN\n" + "  UPDATE orders SET total = total + 1 WHERE id = p_id;\n".repeat(800) + "END";
        List<AssessedObject> objects = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            objects.add(AssessedObject.of(AssessedKind.PROCEDURE, "shop.proc_" + i, AssessmentClass.NEEDS_PERSON,
                    "MySQL's procedural SQL has no mechanical PostgreSQL translation", "write the PostgreSQL version").withSourceText(body));
        }
        SchemaAssessment report = new SchemaAssessment("routines", Instant.EPOCH, "dms", "mysql", "postgres", objects, List.of(), null);

        AssessmentOutcome outcome = AssessmentOutcome.of(report, "s3://reports/assessments/routines/run/");

        // THEN the state lists objects without their texts, within the 32 KB budget, and counts every one
        String listed = Json.write(outcome.listed());
        assertThat(listed).doesNotContain("UPDATE orders");
        assertThat(listed.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(AssessmentOutcome.LISTED_BYTES + 2);
        assertThat(Json.write(outcome)).doesNotContain("UPDATE orders");
        assertThat(Json.write(outcome).getBytes(StandardCharsets.UTF_8).length).isLessThan(100 * 1024);
        assertThat(outcome.listed().size() + outcome.unlisted()).isEqualTo(2_000);
    }
}
