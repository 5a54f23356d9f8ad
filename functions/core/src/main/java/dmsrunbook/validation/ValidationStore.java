package dmsrunbook.validation;

import com.fasterxml.jackson.core.type.TypeReference;
import dmsrunbook.error.Failures;
import dmsrunbook.internal.Json;
import dmsrunbook.validation.diff.TableDiffRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Where a validation keeps what must not travel through the execution state: each work item's tables, each item's
 * result, and the report. Keyed by execution and validation ({@code validation/<state machine>/<execution>/<run>/}),
 * so a retried step overwrites what it wrote before instead of adding to it. JSON, readable by people: the report is
 * the sign-off's evidence (keys, never values).
 */
public final class ValidationStore {

    private static final TypeReference<List<TableDiffRequest>> REQUESTS = new TypeReference<>() {
    };

    private final S3Client s3;
    private final String bucket;

    public ValidationStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public void putItem(String executionId, ValidationRun run, int item, List<TableDiffRequest> requests) {
        put(key(executionId, run, "items/" + item + ".json"), Json.write(requests));
    }

    public List<TableDiffRequest> item(String executionId, ValidationRun run, int item) {
        String key = key(executionId, run, "items/" + item + ".json");
        return Json.MAPPER.convertValue(Json.tree(get(key).orElseThrow(() -> new IllegalStateException(
                "work item " + item + " of the " + run.value() + " validation is not in s3://" + bucket + "/" + key))), REQUESTS);
    }

    public void putResult(String executionId, ValidationRun run, DataItemResult result) {
        put(key(executionId, run, "results/" + result.item() + ".json"), Json.write(result));
    }

    /** The item's latest result, or empty before its first pass. */
    public Optional<DataItemResult> result(String executionId, ValidationRun run, int item) {
        return get(key(executionId, run, "results/" + item + ".json")).map(json -> Json.read(json.getBytes(StandardCharsets.UTF_8),
                DataItemResult.class));
    }

    /** Writes the report; returns where it is ({@code s3://bucket/key}). */
    public String putReport(String executionId, ValidationRun run, DataValidationReport report) {
        String key = key(executionId, run, "report.json");
        put(key, Json.write(report));
        return "s3://" + bucket + "/" + key;
    }

    /** The key of {@code name} under the execution's validation: state machine and execution name from the ARN. */
    static String key(String executionId, ValidationRun run, String name) {
        String[] parts = executionId.split(":");
        String execution = parts.length >= 8 && parts[5].equals("execution") ? parts[6] + "/" + parts[7]
                : executionId.replaceAll("[^A-Za-z0-9._-]", "_");
        return "validation/" + execution + "/" + run.value() + "/" + name;
    }

    private void put(String key, String json) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromString(json, StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw Failures.ofAws("S3 PutObject s3://" + bucket + "/" + key, e);
        }
    }

    private Optional<String> get(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw Failures.ofAws("S3 GetObject s3://" + bucket + "/" + key, e);
        }
    }
}
