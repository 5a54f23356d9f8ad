package dmsrunbook.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The slots a source keeps for change capture (PostgreSQL's logical replication slots). A slot outlives the
 * replication that made it and keeps the source's change log until dropped, so the runbook records the slots present
 * before it starts, and on stop drops only the ones added since.
 */
public interface ReplicationSlots {

    /** The record of a source that has no slots (and of a family that keeps none). */
    String NO_SLOTS = "none";

    /** One slot: its name, whether a consumer is connected, and how much change log it keeps. */
    record Slot(String name, boolean active, long retainedBytes) {
    }

    /** The slots of the connection's database. */
    List<Slot> list(Connection connection) throws SQLException;

    /** Drops an inactive slot; false when it is already gone (a retried cleanup) or in use. */
    boolean drop(Connection connection, String slot) throws SQLException;

    /** The slots present now, as one short text to keep with the replication (see {@link #recorded}). */
    String record(Connection connection) throws SQLException;

    /** The slot names a {@link #record} holds; empty when the record could not hold them all. */
    Optional<List<String>> recorded(String record);
}
