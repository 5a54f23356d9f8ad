package dmsrunbook.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.InvalidSpecException;
import dmsrunbook.internal.Json;
import dmsrunbook.testing.ProjectFiles;
import org.junit.jupiter.api.Test;

/** The spec's optional assessment block: read and normalised, and its mistakes reported with their fixes. */
class AssessmentOptionsTest {

    @Test
    void assessmentBlock_isRead_andAbsentMeansNone() {
        ObjectNode json = example();
        json.putObject("assessment").put("targetPlatform", "aurora-postgresql").put("targetVersion", 16)
                .putObject("dmsPremigration").put("resultsBucket", "my-assessments")
                .put("serviceAccessRoleArn", "arn:aws:iam::123456789012:role/dms-runbook-assessments");

        MigrationSpec spec = SpecReader.read(json);

        assertThat(spec.assessmentOptions()).isEqualTo(new AssessmentOptions(TargetPlatformKind.AURORA_POSTGRESQL, 16,
                new AssessmentOptions.DmsPremigrationOptions("my-assessments", "arn:aws:iam::123456789012:role/dms-runbook-assessments", null)));
        assertThat(SpecReader.read((ObjectNode) Json.MAPPER.valueToTree(spec))).isEqualTo(spec);
        json.remove("assessment");
        assertThat(SpecReader.read(json).assessmentOptions()).isEqualTo(AssessmentOptions.none());
    }

    @Test
    void dmsPremigrationWithTheNativeEngine_orWithoutItsBucket_isRejected() {
        ObjectNode nativeSpec = example();
        nativeSpec.put("engine", "postgres-native");
        nativeSpec.remove("dms");
        nativeSpec.putObject("assessment").put("targetPlatform", "mainframe").putObject("dmsPremigration")
                .put("serviceAccessRoleArn", "arn:aws:iam::123456789012:role/dms-runbook-assessments");

        assertThatThrownBy(() -> SpecReader.read(nativeSpec)).isInstanceOfSatisfying(InvalidSpecException.class, e ->
                assertThat(e.problems()).extracting(Object::toString).anySatisfy(p -> assertThat(p).contains("assessment.dmsPremigration", "applies only to engine"))
                        .anySatisfy(p -> assertThat(p).contains("assessment.dmsPremigration.resultsBucket", "is required"))
                        .anySatisfy(p -> assertThat(p).contains("assessment.targetPlatform", "rds-postgresql, aurora-postgresql, self-managed-postgresql")));
    }

    private static ObjectNode example() {
        return (ObjectNode) ProjectFiles.json("events/specs/postgres15-to-aurora-postgresql.json");
    }
}
