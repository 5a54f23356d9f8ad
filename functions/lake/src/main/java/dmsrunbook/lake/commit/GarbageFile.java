package dmsrunbook.lake.commit;

/**
 * A file a commit replaced: deleted once readers that may still list it are done (after a grace period), and only
 * after the table location it belonged to shows a version at least {@code sinceVersion}.
 *
 * @param key          its S3 key
 * @param partition    the changes partition it belonged to, or {@link TableManifest#CURRENT} for current state
 * @param sinceVersion the manifest version that replaced it
 * @param since        when (epoch millis)
 */
public record GarbageFile(String key, String partition, long sinceVersion, long since) {
}
