package dmsrunbook.lake.commit;

/**
 * S3 saying a file of the table's DMS folder was removed.
 *
 * @param key   the removed key
 * @param at    when (epoch millis, S3's clock)
 * @param byDms whether DMS removed it (the request came from {@code DMS_WRITER_PRINCIPAL}): DMS clears a table's
 *              folder on a source TRUNCATE or DROP and before a reload
 */
public record RemovalNotice(String key, long at, boolean byDms) {
}
