package dmsrunbook.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.error.DatabaseUnavailableException;
import dmsrunbook.error.Failures;
import dmsrunbook.error.RunbookException;
import dmsrunbook.spec.InvariantQuery;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.validation.diff.ComparedDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TimeZone;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the spec's business invariants ({@code validation.queries}) on the source and on the target, both at once, in
 * read-only sessions: a query that tries to write fails (and is reported) instead of changing anything. Results are
 * compared as multisets of rows, each row reduced to canonical cells (numbers by value, booleans as 1/0, timestamps as
 * UTC microseconds), so PostgreSQL and MySQL agree on equal data; only a digest and a row count are kept per side,
 * so a large result never sits in memory. A query that fails is reported as a failed invariant; a database that
 * cannot be reached fails the run (it is worth retrying).
 */
public final class InvariantRunner {

    private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(10);
    private static final int FETCH_SIZE = 1000;
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    private final ComparedDatabase source;
    private final ComparedDatabase target;

    public InvariantRunner(ComparedDatabase source, ComparedDatabase target) {
        this.source = source;
        this.target = target;
    }

    /** The spec's source and target, connected with the credentials of their secrets. */
    public static InvariantRunner of(DatabaseConnector connector, MigrationSpec spec) {
        return new InvariantRunner(ComparedDatabase.of(connector, spec.source()), ComparedDatabase.of(connector, spec.target()));
    }

    public InvariantReport run(List<InvariantQuery> queries) {
        if (queries.isEmpty()) {
            return new InvariantReport(List.of());
        }
        ExecutorService sides = Executors.newFixedThreadPool(2);
        try {
            Future<List<Outcome>> onTarget = sides.submit(() -> runAll(target, queries.stream().map(InvariantQuery::sqlOnTarget).toList()));
            Future<List<Outcome>> onSource = sides.submit(() -> runAll(source, queries.stream().map(InvariantQuery::sql).toList()));
            List<Outcome> sourceOutcomes = onSource.get();
            List<Outcome> targetOutcomes = onTarget.get();
            List<InvariantResult> results = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                results.add(judge(queries.get(i), sourceOutcomes.get(i), targetOutcomes.get(i)));
            }
            return new InvariantReport(results);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RunbookException runbook ? runbook : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running invariants", e);
        } finally {
            sides.shutdownNow();
        }
    }

    /** What one side returned: rows, an order-independent digest of them, the single value if there is one, or the error. */
    private record Outcome(long rows, long digest, String singleValue, boolean single, String error) {
    }

    private static List<Outcome> runAll(ComparedDatabase database, List<String> queries) {
        List<Outcome> outcomes = new ArrayList<>();
        try (Connection connection = database.openReadOnly(STATEMENT_TIMEOUT)) {
            for (String sql : queries) {
                outcomes.add(runOne(connection, database, sql));
            }
        } catch (SQLException e) {
            throw Failures.ofSql("Running invariants", database.description(), e);
        }
        return outcomes;
    }

    private static Outcome runOne(Connection connection, ComparedDatabase database, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // Streamed a fetch at a time: a result of a million rows is digested, never held.
            statement.setFetchSize(FETCH_SIZE);
            ResultSet rows = statement.executeQuery(sql);
            ResultSetMetaData meta = rows.getMetaData();
            long count = 0;
            long digest = 0;
            String first = null;
            while (rows.next()) {
                List<String> cells = new ArrayList<>(meta.getColumnCount());
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    cells.add(cell(rows, meta, i));
                }
                count++;
                // A sum of row hashes (mod 2^64) ignores row order and still counts a repeated row twice.
                digest += hash(cells);
                if (count == 1 && cells.size() == 1) {
                    first = cells.get(0);
                }
            }
            return new Outcome(count, digest, first, count == 1 && meta.getColumnCount() == 1, null);
        } catch (SQLException e) {
            RuntimeException failure = Failures.ofSql("Running an invariant", database.description(), e);
            if (failure instanceof DatabaseUnavailableException) {
                throw failure;
            }
            return new Outcome(0, 0, null, false, firstLine(e.getMessage()));
        } finally {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        }
    }

    private static InvariantResult judge(InvariantQuery query, Outcome onSource, Outcome onTarget) {
        String sourceValue = onSource.single() ? onSource.singleValue() : null;
        String targetValue = onTarget.single() ? onTarget.singleValue() : null;
        if (onSource.error() != null || onTarget.error() != null) {
            String problem = (onSource.error() == null ? "" : "on the source: " + onSource.error())
                    + (onSource.error() != null && onTarget.error() != null ? "; " : "")
                    + (onTarget.error() == null ? "" : "on the target: " + onTarget.error());
            return new InvariantResult(query.name(), false, false, null, onSource.rows(), onTarget.rows(), sourceValue, targetValue, problem);
        }
        boolean sidesEqual = onSource.rows() == onTarget.rows() && onSource.digest() == onTarget.digest();
        Boolean matchesExpected = null;
        String expectedProblem = null;
        if (query.hasExpected()) {
            Expected expected = expected(query.expected());
            matchesExpected = matches(expected, onSource) && matches(expected, onTarget);
            if (!matchesExpected) {
                expectedProblem = expected.single()
                        ? "expected " + expected.describe() + ", got " + describe(onSource) + " on the source and " + describe(onTarget) + " on the target"
                        : "expected " + expected.rows() + " rows as given, got other rows (" + onSource.rows() + " on the source, "
                                + onTarget.rows() + " on the target)";
            }
        }
        String problem = !sidesEqual
                ? "the sides differ: " + describe(onSource) + " on the source, " + describe(onTarget) + " on the target"
                + (expectedProblem == null ? "" : "; " + expectedProblem)
                : expectedProblem;
        boolean passed = sidesEqual && (matchesExpected == null || matchesExpected);
        return new InvariantResult(query.name(), passed, sidesEqual, matchesExpected, onSource.rows(), onTarget.rows(), sourceValue,
                targetValue, problem);
    }

    private static String describe(Outcome outcome) {
        return outcome.single() ? String.valueOf(outcome.singleValue()) : outcome.rows() + (outcome.rows() == 1 ? " row" : " rows");
    }

    /** What the spec expects: one value, or rows, reduced like results are. */
    private record Expected(long rows, long digest, boolean single, String value) {
        String describe() {
            return String.valueOf(value);
        }
    }

    private static Expected expected(JsonNode expected) {
        if (!expected.isArray()) {
            String value = canonical(expected);
            return new Expected(1, hash(java.util.Collections.singletonList(value)), true, value);
        }
        long digest = 0;
        for (JsonNode row : expected) {
            List<String> cells = new ArrayList<>();
            row.forEach(cell -> cells.add(canonical(cell)));
            digest += hash(cells);
        }
        return new Expected(expected.size(), digest, false, null);
    }

    private static boolean matches(Expected expected, Outcome outcome) {
        return expected.single() ? outcome.single() && Objects.equals(expected.value(), outcome.singleValue())
                : expected.rows() == outcome.rows() && expected.digest() == outcome.digest();
    }

    private static String canonical(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "1" : "0";
        }
        if (value.isNumber()) {
            return number(value.decimalValue());
        }
        return value.asText();
    }

    /** A cell as both engines agree on it: numbers by value, booleans 1/0, timestamps as UTC microseconds, bytes as hex. */
    private static String cell(ResultSet rows, ResultSetMetaData meta, int i) throws SQLException {
        switch (meta.getColumnType(i)) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                // Calendar UTC: a timestamp without time zone (DATETIME) counts as a UTC wall-clock time on both sides.
                Timestamp timestamp = rows.getTimestamp(i, UTC);
                return timestamp == null ? null : String.valueOf(Math.addExact(Math.multiplyExact(Math.floorDiv(timestamp.getTime(), 1000), 1_000_000L),
                        timestamp.getNanos() / 1000));
            }
            case Types.DATE -> {
                LocalDate date = rows.getObject(i, LocalDate.class);
                return date == null ? null : date.toString();
            }
            case Types.TIME -> {
                LocalTime time = rows.getObject(i, LocalTime.class);
                return time == null ? null : time.toString();
            }
            default -> {
                Object value = rows.getObject(i);
                if (value == null) {
                    return null;
                }
                if (value instanceof Boolean bool) {
                    return bool ? "1" : "0";
                }
                if (value instanceof Number number) {
                    return value instanceof Double || value instanceof Float ? number(number.doubleValue())
                            : number(new BigDecimal(number.toString()));
                }
                if (value instanceof byte[] bytes) {
                    return HexFormat.of().formatHex(bytes);
                }
                return value.toString();
            }
        }
    }

    private static String number(double value) {
        return Double.isFinite(value) ? number(BigDecimal.valueOf(value)) : String.valueOf(value);
    }

    private static String number(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static long hash(List<String> cells) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (String cell : cells) {
                // Length-prefixed, so no two rows of cells can run together into the same text.
                md5.update((cell == null ? "N" : cell.length() + ":" + cell).getBytes(StandardCharsets.UTF_8));
            }
            byte[] digest = md5.digest();
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = value << 8 | (digest[i] & 0xff);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
