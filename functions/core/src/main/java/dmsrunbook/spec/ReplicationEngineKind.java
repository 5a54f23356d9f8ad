package dmsrunbook.spec;

/** Which engine moves the data. The phases and the state machine are the same for both. */
public enum ReplicationEngineKind implements SpecValue {
    /** AWS Database Migration Service: any supported source and target. */
    DMS("dms"),
    /** PostgreSQL logical replication (publication + subscription): PostgreSQL to PostgreSQL only. */
    POSTGRES_NATIVE("postgres-native");

    private final String value;

    ReplicationEngineKind(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }
}
