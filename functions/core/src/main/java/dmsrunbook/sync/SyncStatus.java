package dmsrunbook.sync;

/** Where replication stands, as the state machine's poll loop reads it. */
public enum SyncStatus {
    /** Copying existing rows, or not started yet. */
    LOADING("loading"),
    /** Streaming changes, latency not yet low enough for long enough. */
    SYNCING("syncing"),
    /** Latency at or under the threshold for the whole stable period: ready to compare and cut over. */
    IN_SYNC("in-sync"),
    /** The source or the target cannot be reached: checked again until it answers or the spec's retry window ends. */
    UNREACHABLE("unreachable");

    private final String value;

    SyncStatus(String value) {
        this.value = value;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String value() {
        return value;
    }
}
