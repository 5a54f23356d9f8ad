package dmsrunbook.lake.commit;

import dmsrunbook.lake.layout.DmsObjectKey;

/**
 * A DMS file an S3 event announced.
 *
 * @param key  the parsed key
 * @param etag the ETag the event carried (without quotes), or null
 */
public record IncomingObject(DmsObjectKey key, String etag) {
}
