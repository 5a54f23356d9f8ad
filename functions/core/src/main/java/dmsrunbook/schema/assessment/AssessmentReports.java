package dmsrunbook.schema.assessment;

import dmsrunbook.error.Failures;
import dmsrunbook.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Where full assessment reports go when a report bucket is configured: {@code assessment.json} and the HTML page
 * {@code assessment.html} under {@code assessments/<migrationId>/<execution>/}. Writing the same execution's report
 * again replaces it, so a retried phase leaves one report.
 */
public final class AssessmentReports {

    private static final String PREFIX = "assessments/";

    private final S3Client s3;
    private final String bucket;

    /** Reports in {@code bucket}; a null bucket stores nothing. */
    public AssessmentReports(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public boolean enabled() {
        return bucket != null && !bucket.isBlank();
    }

    /** Stores the report of {@code executionId}'s run and returns the S3 folder holding it; empty without a bucket. */
    public Optional<String> store(String executionId, SchemaAssessment report) {
        if (!enabled()) {
            return Optional.empty();
        }
        String folder = folder(report.migrationId(), executionId);
        put(folder + "assessment.json", Json.write(report), "application/json");
        put(folder + "assessment.html", AssessmentHtml.render(report), "text/html; charset=utf-8");
        return Optional.of("s3://" + bucket + "/" + folder);
    }

    /** The report stored for {@code executionId}, if there is one. */
    public Optional<SchemaAssessment> load(String migrationId, String executionId) {
        if (!enabled()) {
            return Optional.empty();
        }
        try {
            byte[] json = s3.getObjectAsBytes(b -> b.bucket(bucket).key(folder(migrationId, executionId) + "assessment.json")).asByteArray();
            return Optional.of(Json.read(json, SchemaAssessment.class));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw Failures.ofAws("S3 GetObject of the assessment report", e);
        }
    }

    private void put(String key, String body, String contentType) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromString(body, StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw Failures.ofAws("S3 PutObject of the assessment report", e);
        }
    }

    /** {@code assessments/<migrationId>/<execution name>/}: the execution's name is the last part of its ARN. */
    public static String folder(String migrationId, String executionId) {
        String execution = executionId == null ? "local" : executionId.substring(executionId.lastIndexOf(':') + 1);
        return PREFIX + migrationId + "/" + execution + "/";
    }
}
