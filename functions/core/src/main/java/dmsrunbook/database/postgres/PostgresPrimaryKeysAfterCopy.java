package dmsrunbook.database.postgres;

import dmsrunbook.mapping.TableName;
import dmsrunbook.schema.ObjectKind;
import dmsrunbook.schema.ObjectName;
import dmsrunbook.schema.SchemaObject;
import dmsrunbook.schema.SchemaStatement;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.ReplicationEngineKind;
import dmsrunbook.spec.SchemaMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The native engine's initial copy into tables without their primary keys. When the runbook creates the target's
 * schema for the native engine, {@link PostgresDdl#plan(PostgresCatalog, boolean)} leaves ordinary tables' primary keys for after
 * the data, as pgcopydb builds them after its copy: keeping a key up to date row by row made the copy about 1.7 times
 * slower (bench/README.md). But a subscription applies the changes made during a table's copy as soon as that copy
 * ends (its catch-up), and an UPDATE or DELETE finds its row by the key. So every check of the replication builds the
 * key of each table whose copy has finished, and until every table is ready with its key the subscription does not
 * disable itself on an error: a catch-up that meets an UPDATE before its table's key exists fails, and PostgreSQL
 * starts it again (every {@code wal_retrieve_retry_interval}) from where it stopped, nothing lost, until the key is
 * there. A key that takes longer to build than one check may wait for goes on building on the target (PostgreSQL
 * finishes a statement whose client has gone and commits it before it answers); the next checks see it running under
 * its application name and wait for it.
 */
public final class PostgresPrimaryKeysAfterCopy {

    /** Sync states after a table's copy: its rows are all there, and its catch-up may apply UPDATEs and DELETEs. */
    private static final Set<String> COPIED = Set.of("copied", "synchronized", "ready");
    private static final String APPLICATION_PREFIX = "dmsrunbook primary key ";

    /** Opens a connection to the target with the given driver properties. */
    @FunctionalInterface
    public interface TargetConnections {
        Connection open(Properties properties) throws SQLException;
    }

    /** What one check did, by table: keys built now, keys still building on the target, keys not started for want of time. */
    public record Keys(List<TableName> built, List<TableName> building, List<TableName> missing) {

        /** Whether every copied table has its key (none building, none missing). */
        public boolean complete() {
            return building.isEmpty() && missing.isEmpty();
        }
    }

    /** Runs the driver's abort of a connection whose key build outlasted the wait: at once, on the timed-out thread. */
    private static final Executor ABANDON = Runnable::run;

    /** Whether the spec's copy goes into tables without their primary keys: the native engine, with the schema created by the runbook. */
    public static boolean applies(MigrationSpec spec) {
        return spec.engine() == ReplicationEngineKind.POSTGRES_NATIVE && spec.schema() != null && spec.schema().mode() == SchemaMode.APPLY
                && spec.source().engine().family() == DatabaseEngine.Family.POSTGRES && spec.target().engine().family() == DatabaseEngine.Family.POSTGRES;
    }

    /**
     * Builds the source's primary key of every copied table that lacks it on the target, on up to
     * {@link PostgresTargetSections#POST_DATA_JOBS} connections at once (each on a table of its own), waiting for each
     * until {@code deadline}; a build still running then is left to finish on the target. Tables still being copied
     * are left alone: their keys would be built row by row again (or wait for the copy to commit). A build that fails
     * fails the check once the others are done, naming the first failed table in the order of their names.
     */
    public Keys buildCopied(Connection source, Connection target, TargetConnections builders, List<PostgresLogicalReplication.SubscribedTable> tables,
                            Instant deadline) throws SQLException {
        List<TableName> copied = tables.stream().filter(table -> COPIED.contains(table.state())).map(PostgresLogicalReplication.SubscribedTable::table).toList();
        List<TableName> building = new ArrayList<>();
        Map<TableName, Callable<Outcome>> builds = new LinkedHashMap<>();
        for (Map.Entry<TableName, Long> entry : keyless(target, copied).entrySet()) {
            TableName table = entry.getKey();
            // By the table's oid: names may be longer than an application name.
            String application = APPLICATION_PREFIX + entry.getValue();
            if (running(target, application)) {
                building.add(table);
                continue;
            }
            SchemaStatement key = sourceKey(source, table);
            if (key != null) { // None on the source: nothing to build (such a table replicates with REPLICA IDENTITY FULL).
                builds.put(table, () -> {
                    Duration wait = Duration.between(Instant.now(), deadline);
                    if (wait.isNegative() || wait.isZero()) {
                        return Outcome.NOT_STARTED;
                    }
                    return build(builders, application, key, wait) ? Outcome.BUILT : Outcome.BUILDING;
                });
            }
        }
        List<TableName> built = new ArrayList<>();
        List<TableName> missing = new ArrayList<>();
        Map<TableName, Outcome> outcomes = runAll(builds);
        outcomes.forEach((table, outcome) -> (outcome == Outcome.BUILT ? built : outcome == Outcome.BUILDING ? building : missing).add(table));
        return new Keys(built, building, missing);
    }

    private enum Outcome { BUILT, BUILDING, NOT_STARTED }

    private static Map<TableName, Outcome> runAll(Map<TableName, Callable<Outcome>> builds) throws SQLException {
        Map<TableName, Outcome> outcomes = new LinkedHashMap<>();
        if (builds.isEmpty()) {
            return outcomes;
        }
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(PostgresTargetSections.POST_DATA_JOBS, builds.size()));
        try {
            Map<TableName, Future<Outcome>> running = new LinkedHashMap<>();
            builds.forEach((table, build) -> running.put(table, workers.submit(build)));
            SQLException first = null;
            for (Map.Entry<TableName, Future<Outcome>> entry : running.entrySet()) {
                try {
                    outcomes.put(entry.getKey(), entry.getValue().get());
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause().getMessage(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while building the primary keys", e);
                }
            }
            if (first != null) {
                throw first;
            }
            return outcomes;
        } finally {
            workers.shutdownNow();
        }
    }

    /** Of {@code tables}, the ordinary tables on the target without a primary key, with their oids, in one query. */
    private static Map<TableName, Long> keyless(Connection target, List<TableName> tables) throws SQLException {
        Map<TableName, Long> keyless = new LinkedHashMap<>();
        if (tables.isEmpty()) {
            return keyless;
        }
        try (PreparedStatement statement = target.prepareStatement("""
                SELECT n.nspname, c.relname, c.oid
                FROM unnest(?::text[], ?::text[]) AS t(schema_name, table_name)
                JOIN pg_namespace n ON n.nspname = t.schema_name
                JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = t.table_name
                WHERE c.relkind = 'r' AND NOT c.relispartition
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')
                ORDER BY 1, 2""")) {
            statement.setArray(1, target.createArrayOf("text", tables.stream().map(TableName::schema).toArray()));
            statement.setArray(2, target.createArrayOf("text", tables.stream().map(TableName::table).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keyless.put(new TableName(rows.getString(1), rows.getString(2)), rows.getLong(3));
                }
            }
        }
        return keyless;
    }

    /** The statement that adds the source table's primary key, as the schema plan writes it; null when it has none. */
    private static SchemaStatement sourceKey(Connection source, TableName table) throws SQLException {
        try (PreparedStatement statement = source.prepareStatement("""
                SELECT k.conname, pg_get_constraintdef(k.oid)
                FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ? AND k.contype = 'p'""")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                ObjectName name = new ObjectName(table.schema(), table.table());
                return PostgresDdl.addConstraint(SchemaObject.of(ObjectKind.PRIMARY_KEY, name, row.getString(1)), name, row.getString(1), row.getString(2));
            }
        }
    }

    private static boolean running(Connection target, String application) throws SQLException {
        try (PreparedStatement statement = target.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = ? AND state = 'active' AND pid <> pg_backend_pid())")) {
            statement.setString(1, application);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    /**
     * Builds one key on a connection of its own, in the simple query protocol (a statement commits before it answers,
     * so one whose client has gone still commits); true when it finished within {@code wait}, false when the connection
     * was given up and the build goes on on the target.
     */
    private boolean build(TargetConnections builders, String application, SchemaStatement key, Duration wait) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", application);
        properties.setProperty("preferQueryMode", "simple");
        Connection connection = builders.open(properties);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET search_path = ''");
                try (ResultSet done = statement.executeQuery(key.doneCheck())) {
                    done.next();
                    if (done.getBoolean(1)) {
                        return true;
                    }
                }
            }
            connection.setNetworkTimeout(ABANDON, (int) Math.min(Integer.MAX_VALUE, Math.max(1, wait.toMillis())));
            try (Statement statement = connection.createStatement()) {
                statement.execute(key.sql());
                return true;
            } catch (SQLException e) {
                if (connection.isClosed()) {
                    return false; // The wait is over: the target goes on building it.
                }
                throw new SQLException(key.describe() + ": " + e.getMessage(), e.getSQLState(), e);
            }
        } finally {
            if (!connection.isClosed()) {
                connection.close();
            }
        }
    }
}
