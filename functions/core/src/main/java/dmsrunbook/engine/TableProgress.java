package dmsrunbook.engine;

/** One table's state in the replication (DMS's TableState, or a subscription's sync state) and its row counters. */
public record TableProgress(String table, String state, long rowsLoaded, long inserts, long updates, long deletes) {
}
