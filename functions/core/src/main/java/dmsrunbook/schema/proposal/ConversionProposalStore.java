package dmsrunbook.schema.proposal;

import dmsrunbook.error.Failures;
import dmsrunbook.internal.Json;
import dmsrunbook.schema.assessment.AssessmentReports;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Where an execution's conversion proposals are kept: {@code conversion-proposals.json} beside its assessment report
 * ({@code assessments/<migrationId>/<execution>/}) in the stack's report bucket. Read before asking the model, written
 * after each answer, read again when the accepted proposals are applied.
 */
public final class ConversionProposalStore {

    static final String FILE = "conversion-proposals.json";
    /** What ApplyAcceptedConversions committed, written right after the commit, so that a retried call does not run it again. */
    static final String APPLIED = "conversions-applied.json";

    private final S3Client s3;
    private final String bucket;

    public ConversionProposalStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    /** The S3 folder of {@code executionId}'s proposals and report, e.g. {@code s3://bucket/assessments/shop/run-1/}. */
    public String location(String migrationId, String executionId) {
        return "s3://" + bucket + "/" + AssessmentReports.folder(migrationId, executionId);
    }

    public Optional<ConversionProposals> load(String migrationId, String executionId) {
        try {
            byte[] json = s3.getObjectAsBytes(b -> b.bucket(bucket).key(AssessmentReports.folder(migrationId, executionId) + FILE)).asByteArray();
            return Optional.of(Json.read(json, ConversionProposals.class));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw Failures.ofAws("S3 GetObject of the conversion proposals", e);
        }
    }

    /** The keys an earlier call of this execution applied and committed, if one did. */
    public Optional<java.util.List<String>> loadApplied(String migrationId, String executionId) {
        try {
            byte[] json = s3.getObjectAsBytes(b -> b.bucket(bucket).key(AssessmentReports.folder(migrationId, executionId) + APPLIED)).asByteArray();
            return Optional.of(java.util.List.of(Json.read(json, String[].class)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw Failures.ofAws("S3 GetObject of the applied conversions", e);
        }
    }

    public void saveApplied(String migrationId, String executionId, java.util.List<String> applied) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(AssessmentReports.folder(migrationId, executionId) + APPLIED).contentType("application/json"),
                    RequestBody.fromString(Json.write(applied), StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw Failures.ofAws("S3 PutObject of the applied conversions", e);
        }
    }

    public void save(String executionId, ConversionProposals proposals) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(AssessmentReports.folder(proposals.migrationId(), executionId) + FILE).contentType("application/json"),
                    RequestBody.fromString(Json.write(proposals), StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw Failures.ofAws("S3 PutObject of the conversion proposals", e);
        }
    }
}
