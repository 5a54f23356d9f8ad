package dmsrunbook.engine;

/**
 * One table's state in the replication (DMS's TableState, or a subscription's sync state), its row counters, and, when
 * the engine validates rows itself, what its validation says ({@code validation}; null otherwise).
 */
public record TableProgress(String table, String state, long rowsLoaded, long inserts, long updates, long deletes,
                            TableValidation validation) {

    /** A table of an engine that does not validate rows itself. */
    public TableProgress(String table, String state, long rowsLoaded, long inserts, long updates, long deletes) {
        this(table, state, rowsLoaded, inserts, updates, deletes, null);
    }
}
