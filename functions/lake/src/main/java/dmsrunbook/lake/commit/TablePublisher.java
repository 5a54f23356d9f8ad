package dmsrunbook.lake.commit;

import dmsrunbook.lake.layout.LakePaths;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Makes a committed manifest visible to Athena by writing symlink manifests (one S3 object per changes partition
 * and one for the current state, listing the data files). Each carries the manifest version it shows in its
 * metadata and is only ever replaced by a later version (conditional PUT), so a slow invocation cannot publish an
 * older commit over a newer one. Publishing the same version twice does nothing.
 */
public final class TablePublisher {

    static final String VERSION_METADATA = "manifest-version";
    private static final int ATTEMPTS = 5;

    private final S3Store store;
    private final LakePaths paths;

    public TablePublisher(S3Store store, LakePaths paths) {
        this.store = store;
        this.paths = paths;
    }

    /** Shows partition {@code partition} of the changes table as of {@code manifest}. */
    public void publishChanges(TableManifest manifest, String partition) {
        String body = manifest.changes().getOrDefault(partition, java.util.List.of()).stream()
                .map(file -> store.uri(file.key())).collect(Collectors.joining("\n"));
        publish(paths.changesPartitionLocation(manifest.schema(), manifest.table(), partition) + "manifest", body, manifest.version());
    }

    /** Shows the current state as of {@code manifest}. */
    public void publishCurrent(TableManifest manifest) {
        String body = manifest.state().values().stream().filter(bucket -> bucket.live() != null)
                .map(bucket -> store.uri(bucket.live())).collect(Collectors.joining("\n"));
        publish(paths.currentTableLocation(manifest.schema(), manifest.table()) + "manifest", body, manifest.version());
    }

    /** The manifest version a table location shows now (0 when never published). */
    public long publishedVersion(String symlinkKey) {
        return store.head(symlinkKey).map(TablePublisher::versionOf).orElse(0L);
    }

    /** The symlink manifest key of a changes partition, or of the current state for {@link TableManifest#CURRENT}. */
    public String symlinkKey(TableManifest manifest, String partition) {
        return TableManifest.CURRENT.equals(partition)
                ? paths.currentTableLocation(manifest.schema(), manifest.table()) + "manifest"
                : paths.changesPartitionLocation(manifest.schema(), manifest.table(), partition) + "manifest";
    }

    private void publish(String key, String body, long version) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<S3Store.ObjectInfo> existing = store.head(key);
            if (existing.isPresent() && versionOf(existing.get()) >= version) {
                return;
            }
            try {
                store.putConditionally(key, body, existing.map(S3Store.ObjectInfo::etag).orElse(null),
                        Map.of(VERSION_METADATA, String.valueOf(version)));
                return;
            } catch (ManifestConflictException raced) {
                // Another invocation published meanwhile: look again.
            }
        }
        throw new ManifestConflictException(key);
    }

    private static long versionOf(S3Store.ObjectInfo info) {
        String value = info.metadata().get(VERSION_METADATA);
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
