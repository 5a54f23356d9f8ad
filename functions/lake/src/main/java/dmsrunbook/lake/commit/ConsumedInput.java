package dmsrunbook.lake.commit;

/**
 * A DMS file the table has taken in: remembered so a duplicate delivery is recognised after the file is deleted.
 *
 * @param partition      the partition its changes went to
 * @param committedAt    when (epoch millis); entries older than the SQS retention are dropped
 */
public record ConsumedInput(String partition, long committedAt) {
}
