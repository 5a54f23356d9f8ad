package dmsrunbook.database.postgres;

import dmsrunbook.schema.SchemaApplyResult;
import dmsrunbook.schema.SchemaSection;
import dmsrunbook.schema.SchemaStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a section of a schema plan on a PostgreSQL target in one transaction: all of it or, on any error, none of it,
 * so a retry starts from the same state. Each statement's done check runs first and a statement already in effect is
 * skipped, so a re-run after success changes nothing. Runs as pg_dump's output does: empty search_path (every name in
 * the plan is qualified) and function bodies not checked (a function may name a table created after it).
 */
public final class PostgresSchemaApplier {

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

    private static boolean done(Statement statement, SchemaStatement step) throws SQLException {
        try (ResultSet row = statement.executeQuery(step.doneCheck())) {
            return row.next() && row.getBoolean(1);
        } catch (SQLException e) {
            throw new SQLException("checking " + step.describe() + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }
}
