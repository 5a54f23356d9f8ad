package dmsrunbook.lake.commit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dmsrunbook.error.TerminalException;
import dmsrunbook.lake.layout.LakePaths;
import java.util.Map;
import java.util.Optional;

/** Reads table manifests and commits new ones with a conditional PUT, the lake's only atomic step. */
public final class ManifestStore {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final S3Store store;
    private final LakePaths paths;

    public ManifestStore(S3Store store, LakePaths paths) {
        this.store = store;
        this.paths = paths;
    }

    public Optional<VersionedManifest> read(String schema, String table) {
        String key = paths.manifest(schema, table);
        return store.getText(key).map(text -> {
            try {
                return new VersionedManifest(JSON.readValue(text.body(), TableManifest.class), text.etag());
            } catch (JsonProcessingException e) {
                throw new CorruptManifestException(key, e);
            }
        });
    }

    /**
     * Commits {@code next} if the manifest is still the one read ({@code read.etag()}, null for "none yet");
     * throws {@link ManifestConflictException} otherwise. Returns the new ETag.
     */
    public String commit(VersionedManifest read, TableManifest next) {
        try {
            return store.putConditionally(paths.manifest(next.schema(), next.table()), JSON.writeValueAsString(next), read.etag(),
                    Map.of("manifest-version", String.valueOf(next.version())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write manifest of " + next.schema() + "." + next.table(), e);
        }
    }

    /** Thrown when a manifest is not valid JSON: a person must restore it (S3 has no versioning here). */
    public static final class CorruptManifestException extends TerminalException {
        CorruptManifestException(String key, Exception cause) {
            super("manifest " + key + " is not a valid lake manifest: " + cause.getMessage(),
                    "Restore it from a backup, or delete it and the table's lake/ data to rebuild from DMS files.", cause);
        }
    }
}
