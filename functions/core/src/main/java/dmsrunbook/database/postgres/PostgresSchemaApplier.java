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
 * function may name a table created after it). Consecutive index builds, and consecutive validations of constraints
 * added NOT VALID, run on several connections at once ({@link #applyEach(Connection, TargetConnections, int, List, int,
 * Instant)}), as {@code pg_restore --jobs} and {@code pgcopydb --index-jobs} do: their locks (SHARE for an index build,
 * SHARE UPDATE EXCLUSIVE on the constrained table and ROW SHARE on the referenced one for a validation) never wait on
 * one another in a cycle, and each runs in a transaction of its own either way.
 */
public final class PostgresSchemaApplier {

    /** The least time a statement is given, however close the deadline (a Lambda keeps a margin past it). */
    static final Duration MIN_STATEMENT_TIME = Duration.ofSeconds(10);
    /** SQLSTATE of a statement cancelled by statement_timeout. */
    private static final String QUERY_CANCELED = "57014";

    /** Opens one more connection to the target, for a parallel worker. */
    @FunctionalInterface
    public interface TargetConnections {
        Connection open() throws SQLException;
    }

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

    /**
     * {@link #applyEach(Connection, List, int, Instant)} with up to {@code jobs} connections: a run of consecutive index
     * builds, or of constraint validations, is shared among them ({@code target} and {@code jobs - 1} opened with
     * {@code more}); everything else runs on {@code target}, in order. Of a run cut short by the deadline, {@code next}
     * is its first statement not done: what the other workers finished after it is committed, and its done check skips
     * it in the next slice. A statement that fails fails the slice once every worker has stopped, naming the first (in
     * plan order) that failed.
     */
    public static SchemaSlice applyEach(Connection target, TargetConnections more, int jobs, List<SchemaStatement> statements, int from,
                                        Instant deadline) throws SQLException {
        List<String> executed = new ArrayList<>();
        int alreadyPresent = 0;
        int next = from;
        while (next < statements.size() && (next == from || Instant.now().isBefore(deadline))) {
            int end = runEnd(statements, next);
            if (jobs <= 1 || end - next < 2) {
                SchemaSlice one;
                try {
                    one = applyEach(target, statements.subList(0, next + 1), next, deadline);
                } catch (SQLException e) {
                    if (QUERY_CANCELED.equals(e.getSQLState()) && next > from) {
                        break; // Out of time: the next slice starts with this statement.
                    }
                    throw e;
                }
                executed.addAll(one.executed());
                alreadyPresent += one.alreadyPresent();
                if (!one.finished()) {
                    break;
                }
                next++;
                continue;
            }
            Run run = new Run(statements, next, end, from, deadline);
            run.execute(target, more, Math.min(jobs, end - next));
            executed.addAll(run.executed());
            alreadyPresent += run.alreadyPresent();
            int firstNotDone = run.firstNotDone();
            if (firstNotDone < end) {
                next = firstNotDone;
                break;
            }
            next = end;
        }
        return new SchemaSlice(from, next, statements.size(), executed, alreadyPresent);
    }

    /** Where the run of statements that may share workers, starting at {@code start}, ends (exclusive). */
    static int runEnd(List<SchemaStatement> statements, int start) {
        SchemaStatement first = statements.get(start);
        if (!sharesWorkers(first)) {
            return start + 1;
        }
        int end = start + 1;
        while (end < statements.size() && sharesWorkers(statements.get(end)) && statements.get(end).action() == first.action()
                && statements.get(end).object().kind() == first.object().kind()) {
            end++;
        }
        return end;
    }

    private static boolean sharesWorkers(SchemaStatement statement) {
        return !statement.alone() && (statement.action() == SchemaStatement.Action.CREATE && statement.object().kind() == dmsrunbook.schema.ObjectKind.INDEX)
                || statement.action() == SchemaStatement.Action.VALIDATE;
    }

    /** One run of statements shared among workers: each takes the next statement not taken, until none is left or time is up. */
    private static final class Run {

        private final List<SchemaStatement> statements;
        private final int start;
        private final int end;
        private final int sliceStart;
        private final Instant deadline;
        private final java.util.concurrent.atomic.AtomicInteger taken;
        /** Set by the first failure: the others finish the statement they run and take no more. */
        private final java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        /** Per statement of the run: null not done, "executed", "present", or the failure. */
        private final Object[] outcomes;

        Run(List<SchemaStatement> statements, int start, int end, int sliceStart, Instant deadline) {
            this.statements = statements;
            this.start = start;
            this.end = end;
            this.sliceStart = sliceStart;
            this.deadline = deadline;
            this.taken = new java.util.concurrent.atomic.AtomicInteger(start);
            this.outcomes = new Object[end - start];
        }

        void execute(Connection target, TargetConnections more, int workers) throws SQLException {
            List<Connection> opened = new ArrayList<>();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers - 1, r -> {
                Thread thread = new Thread(r, "post-data-worker");
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<java.util.concurrent.Future<?>> others = new ArrayList<>();
                for (int i = 1; i < workers; i++) {
                    Connection connection = more.open();
                    opened.add(connection);
                    others.add(pool.submit(() -> work(connection)));
                }
                work(target);
                for (java.util.concurrent.Future<?> other : others) {
                    try {
                        other.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException("a post-data worker failed: " + e.getCause().getMessage(), e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while the post-data workers ran", e);
                    }
                }
            } finally {
                pool.shutdownNow();
                for (Connection connection : opened) {
                    try {
                        connection.close();
                    } catch (SQLException e) {
                        // The worker's statements are committed or rolled back already.
                    }
                }
            }
            for (Object outcome : outcomes) {
                if (outcome instanceof SQLException failure) {
                    throw failure;
                }
            }
        }

        /** Takes statements until none is left, time is up, or one failed or was cancelled on this connection. */
        private void work(Connection connection) {
            while (true) {
                if (failed.get()) {
                    return;
                }
                int index = taken.getAndIncrement();
                if (index >= end || (index != sliceStart && !Instant.now().isBefore(deadline))) {
                    return;
                }
                try {
                    SchemaSlice one = applyEach(connection, statements.subList(0, index + 1), index, deadline);
                    outcomes[index - start] = one.executed().isEmpty() ? "present" : "executed";
                } catch (SQLException e) {
                    // Cancelled at the deadline (not the slice's first): left for the next slice, whose done check decides.
                    boolean outOfTime = QUERY_CANCELED.equals(e.getSQLState()) && index != sliceStart;
                    outcomes[index - start] = outOfTime ? null : e;
                    failed.compareAndSet(false, !outOfTime);
                    return;
                }
            }
        }

        int firstNotDone() {
            for (int i = 0; i < outcomes.length; i++) {
                if (!(outcomes[i] instanceof String)) {
                    return start + i;
                }
            }
            return end;
        }

        List<String> executed() {
            List<String> described = new ArrayList<>();
            for (int i = 0; i < outcomes.length; i++) {
                if ("executed".equals(outcomes[i])) {
                    described.add(statements.get(start + i).describe());
                }
            }
            return described;
        }

        int alreadyPresent() {
            return (int) java.util.Arrays.stream(outcomes).filter("present"::equals).count();
        }
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
