package dmsrunbook.database.postgres;

import dmsrunbook.schema.SchemaApplyResult;
import dmsrunbook.schema.SchemaSection;
import dmsrunbook.schema.SchemaSlice;
import dmsrunbook.schema.SchemaStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a section of a schema plan on a PostgreSQL target: in one transaction ({@link #apply}: all of it or, on any
 * error, none of it, so a retry starts from the same state), or statement by statement within a time budget
 * ({@link #applyEach}: a post-data section on a large database outlasts one Lambda invocation). Each statement's done
 * check runs first and a statement already in effect is skipped, so a re-run after success changes nothing. Runs as
 * pg_dump's output does: empty search_path (every name in the plan is qualified) and function bodies not checked (a
 * function may name a table created after it).
 */
public final class PostgresSchemaApplier {

    /** The least time a statement is given, however close the deadline (a Lambda keeps a margin past it). */
    static final Duration MIN_STATEMENT_TIME = Duration.ofSeconds(10);
    /** SQLSTATE of a statement cancelled by statement_timeout. */
    private static final String QUERY_CANCELED = "57014";

    private PostgresSchemaApplier() {
    }

    public static SchemaApplyResult apply(Connection target, SchemaSection section, List<SchemaStatement> statements) throws SQLException {
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        List<String> executed = new ArrayList<>();
        int alreadyPresent = 0;
        try (Statement statement = target.createStatement()) {
            statement.execute("SELECT pg_catalog.set_config('search_path', '', true), pg_catalog.set_config('check_function_bodies', 'off', true)");
            for (SchemaStatement step : statements) {
                if (done(statement, step)) {
                    alreadyPresent++;
                    continue;
                }
                try {
                    statement.execute(step.sql());
                } catch (SQLException e) {
                    // Keep the SQLSTATE (it classifies the failure) and say which object it was.
                    throw new SQLException(step.describe() + ": " + e.getMessage(), e.getSQLState(), e);
                }
                executed.add(step.describe());
            }
            target.commit();
        } catch (SQLException | RuntimeException e) {
            target.rollback();
            throw e;
        } finally {
            target.setAutoCommit(autoCommit);
        }
        return new SchemaApplyResult(section, executed, alreadyPresent);
    }

    /**
     * Runs {@code statements} from index {@code from} on, each with its done check in a transaction of its own (a
     * crash loses at most the statement running), while {@code deadline} leaves time to start another; the first
     * always runs. Each statement may run until the deadline (at least {@link #MIN_STATEMENT_TIME}): one cancelled
     * then is rolled back and the slice ends before it, unless it was the first, which had the whole slice and fails.
     */
    public static SchemaSlice applyEach(Connection target, List<SchemaStatement> statements, int from, Instant deadline) throws SQLException {
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        List<String> executed = new ArrayList<>();
        int alreadyPresent = 0;
        int next = from;
        try (Statement statement = target.createStatement()) {
            while (next < statements.size() && (next == from || Instant.now().isBefore(deadline))) {
                SchemaStatement step = statements.get(next);
                statement.execute("SELECT pg_catalog.set_config('search_path', '', true), pg_catalog.set_config('check_function_bodies', 'off', true), "
                        + "pg_catalog.set_config('statement_timeout', '" + statementTime(deadline).toMillis() + "', true)");
                try {
                    if (done(statement, step)) {
                        alreadyPresent++;
                    } else {
                        statement.execute(step.sql());
                        executed.add(step.describe());
                    }
                    target.commit();
                } catch (SQLException e) {
                    target.rollback();
                    if (QUERY_CANCELED.equals(e.getSQLState()) && next > from) {
                        break; // Out of time: the next slice starts with this statement.
                    }
                    throw new SQLException(step.describe() + ": " + e.getMessage()
                            + (QUERY_CANCELED.equals(e.getSQLState()) ? " (it did not finish within one invocation's " + statementTime(deadline).toSeconds()
                            + " s)" : ""), e.getSQLState(), e);
                }
                next++;
            }
        } catch (SQLException | RuntimeException e) {
            target.rollback();
            throw e;
        } finally {
            target.setAutoCommit(autoCommit);
        }
        return new SchemaSlice(from, next, statements.size(), executed, alreadyPresent);
    }

    private static Duration statementTime(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.compareTo(MIN_STATEMENT_TIME) < 0 ? MIN_STATEMENT_TIME : left;
    }

    private static boolean done(Statement statement, SchemaStatement step) throws SQLException {
        try (ResultSet row = statement.executeQuery(step.doneCheck())) {
            return row.next() && row.getBoolean(1);
        } catch (SQLException e) {
            throw new SQLException("checking " + step.describe() + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }
}
