package dmsrunbook.lake.commit;

/**
 * A manifest as read, with the ETag a commit must match.
 *
 * @param manifest the manifest
 * @param etag     its ETag, or null when the table has no manifest yet (the commit must create it)
 */
public record VersionedManifest(TableManifest manifest, String etag) {
}
