package dmsrunbook.report;

import dmsrunbook.error.Failures;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The report bucket: each execution's {@code report.html} and {@code report.json} under
 * {@code reports/<state machine>/<execution>/}, so a second write for the same execution replaces the first.
 */
public final class ReportStore {

    static final String HTML = "report.html";
    static final String JSON = "report.json";

    private final S3Client s3;
    private final String bucket;

    public ReportStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Writes both files; returns where they are. */
    public ReportLink put(String executionArn, ReportFiles files) {
        String json = key(executionArn, JSON);
        String html = key(executionArn, HTML);
        put(json, RequestBody.fromBytes(files.json()), "application/json");
        put(html, RequestBody.fromString(files.html(), StandardCharsets.UTF_8), "text/html; charset=utf-8");
        return new ReportLink("s3://" + bucket + "/" + html, "s3://" + bucket + "/" + json, files.sha256(), null);
    }

    /** The execution's report, when it was written. */
    public Optional<ReportFiles> get(String executionArn) {
        try {
            byte[] json = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key(executionArn, JSON))).asByteArray();
            String html = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key(executionArn, HTML))).asUtf8String();
            return Optional.of(ReportFiles.of(json, html));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw Failures.ofAws("S3 GetObject s3://" + bucket + "/" + key(executionArn, JSON), e);
        }
    }

    /** The key of {@code name} for the execution: state machine and execution name from its ARN. */
    static String key(String executionArn, String name) {
        String[] parts = executionArn.split(":");
        String execution = parts.length >= 8 && parts[5].equals("execution") ? parts[6] + "/" + parts[7]
                : executionArn.replaceAll("[^A-Za-z0-9._-]", "_");
        return "reports/" + execution + "/" + name;
    }

    private void put(String key, RequestBody body, String contentType) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), body);
        } catch (SdkException e) {
            throw Failures.ofAws("S3 PutObject s3://" + bucket + "/" + key, e);
        }
    }
}
