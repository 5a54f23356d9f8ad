package dmsrunbook.lake.commit;

import dmsrunbook.error.Failures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The lake's view of its bucket: small, explicit S3 calls (get to a file, put from a file, conditional puts, head,
 * copy, delete, list), each failure classified once by {@link Failures#ofAws}. A missing object is an empty answer,
 * never an error, because redeliveries and crashes make "already gone" normal.
 */
public final class S3Store {

    private final S3Client s3;
    private final String bucket;

    public S3Store(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    public String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    /**
     * An object's ETag (without quotes), size and user metadata, if it exists.
     *
     * @param etag     ETag without quotes
     * @param size     bytes
     * @param metadata user metadata
     */
    public record ObjectInfo(String etag, long size, Map<String, String> metadata) {
    }

    /**
     * A listed object.
     *
     * @param key          its key
     * @param lastModified when it was written (S3 keeps whole seconds)
     * @param etag         its ETag without quotes
     * @param size         bytes
     */
    public record Listed(String key, Instant lastModified, String etag, long size) {
    }

    /**
     * What a download got.
     *
     * @param etag         the ETag of the object read, without quotes
     * @param lastModified when that object was written
     */
    public record Fetched(String etag, Instant lastModified) {
    }

    public Optional<ObjectInfo> head(String key) {
        return ifExists("S3 HeadObject " + key, () -> {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            return new ObjectInfo(unquote(head.eTag()), head.contentLength(), head.metadata());
        });
    }

    /** Downloads {@code key} to {@code file}; returns its ETag, or empty when the object does not exist. */
    public Optional<String> download(String key, Path file) {
        return fetch(key, file).map(Fetched::etag);
    }

    /** Downloads {@code key} to {@code file}; says which object was read, or empty when none exists. */
    public Optional<Fetched> fetch(String key, Path file) {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Optional<Fetched> etag = ifExists("S3 GetObject " + key, () -> {
            var response = s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(partial));
            return new Fetched(unquote(response.eTag()), response.lastModified());
        });
        if (etag.isPresent()) {
            try {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot keep the download of " + key + ": " + e.getMessage(), e);
            }
        }
        return etag;
    }

    /** Runs an S3 read; a missing object (404) is an empty answer, other failures are classified. */
    private static <T> Optional<T> ifExists(String action, java.util.function.Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw Failures.ofAws(action, e);
        } catch (SdkException e) {
            throw Failures.ofAws(action, e);
        }
    }

    public void upload(Path file, String key) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/vnd.apache.parquet"), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw Failures.ofAws("S3 PutObject " + key, e);
        }
    }

    /** The text of {@code key} and its ETag, if it exists. */
    public Optional<Text> getText(String key) {
        return ifExists("S3 GetObject " + key, () -> {
            var bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            return new Text(bytes.asString(StandardCharsets.UTF_8), unquote(bytes.response().eTag()));
        });
    }

    /** A text object and its ETag. */
    public record Text(String body, String etag) {
    }

    /**
     * Puts {@code body} only if the object still has ETag {@code expectedEtag} (or, when that is null, does not exist
     * yet); throws {@link ManifestConflictException} when somebody else wrote it first.
     */
    public String putConditionally(String key, String body, String expectedEtag, Map<String, String> metadata) {
        try {
            PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key)
                    .contentType(key.endsWith(".json") ? "application/json" : "text/plain").metadata(metadata);
            if (expectedEtag == null) {
                request.ifNoneMatch("*");
            } else {
                request.ifMatch("\"" + expectedEtag + "\"");
            }
            return unquote(s3.putObject(request.build(), RequestBody.fromString(body, StandardCharsets.UTF_8)).eTag());
        } catch (S3Exception e) {
            // 412: the ETag moved on; 409: a concurrent conditional write is in flight; 404: If-Match on a deleted object.
            if (e.statusCode() == 412 || e.statusCode() == 409 || e.statusCode() == 404 && expectedEtag != null) {
                throw new ManifestConflictException(key);
            }
            throw Failures.ofAws("S3 PutObject (conditional) " + key, e);
        } catch (SdkException e) {
            throw Failures.ofAws("S3 PutObject (conditional) " + key, e);
        }
    }

    public void putText(String key, String body) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/plain"), RequestBody.fromString(body, StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw Failures.ofAws("S3 PutObject " + key, e);
        }
    }

    public void copy(String from, String to) {
        try {
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to));
        } catch (SdkException e) {
            throw Failures.ofAws("S3 CopyObject " + from + " -> " + to, e);
        }
    }

    /** Deletes {@code key}; deleting what is already gone is fine. */
    public void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            // already gone
        } catch (SdkException e) {
            throw Failures.ofAws("S3 DeleteObject " + key, e);
        }
    }

    public List<Listed> list(String prefix) {
        try {
            List<Listed> keys = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                keys.add(new Listed(object.key(), object.lastModified(), unquote(object.eTag()), object.size() == null ? 0 : object.size()));
            }
            return keys;
        } catch (SdkException e) {
            throw Failures.ofAws("S3 ListObjectsV2 " + prefix, e);
        }
    }

    static String unquote(String etag) {
        if (etag == null) {
            return null;
        }
        return etag.startsWith("\"") && etag.endsWith("\"") && etag.length() >= 2 ? etag.substring(1, etag.length() - 1) : etag;
    }
}
