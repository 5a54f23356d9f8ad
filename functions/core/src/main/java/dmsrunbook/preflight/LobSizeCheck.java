package dmsrunbook.preflight;

import dmsrunbook.database.SqlDialect;
import dmsrunbook.mapping.TableName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Would the task truncate a value? Finds the selected tables' columns DMS moves as LOBs, scans each table once for the
 * largest value of every such column (bounded by a timeout: a scan that does not finish is a WARN with the query to
 * run by hand), and compares them with the task's LOB policy: limited LOB mode truncates without an error. Each
 * source family gives its LOB column query, its size expression, its dialect and how its server reports a timeout.
 */
public final class LobSizeCheck {

    private final String lobColumnsQuery;
    private final Function<String, String> maxSizeOfColumn;
    private final SqlDialect dialect;
    private final Predicate<SQLException> isTimeout;
    private final int timeoutSeconds;

    /**
     * @param lobColumnsQuery  selects schema, table, column of every LOB-like column, in column order
     * @param maxSizeOfColumn  the SQL for one column's largest value in bytes, given its quoted name
     * @param dialect          the source's dialect, to quote tables and columns
     * @param isTimeout        whether a failure is the source cancelling the scan at the query timeout
     */
    public LobSizeCheck(String lobColumnsQuery, Function<String, String> maxSizeOfColumn, SqlDialect dialect,
                        Predicate<SQLException> isTimeout, int timeoutSeconds) {
        this.lobColumnsQuery = lobColumnsQuery;
        this.maxSizeOfColumn = maxSizeOfColumn;
        this.dialect = dialect;
        this.isTimeout = isTimeout;
        this.timeoutSeconds = timeoutSeconds;
    }

    public CheckResult run(Connection source, PreflightContext context) throws SQLException {
        LobPolicy policy = context.lobPolicy();
        if (policy.fullLobMode()) {
            return CheckResult.pass("source", "LOB sizes", context.usesDms() ? "full LOB mode: values are copied whole (slower)"
                    : "logical replication copies values whole");
        }
        Map<TableName, List<String>> lobColumns = lobColumns(source, context);
        if (lobColumns.isEmpty()) {
            return CheckResult.pass("source", "LOB sizes", "no LOB, JSON or text column in the selected tables");
        }
        List<String> truncated = new ArrayList<>();
        List<String> unscanned = new ArrayList<>();
        long largest = 0;
        for (var entry : lobColumns.entrySet()) {
            TableName table = entry.getKey();
            String select = entry.getValue().stream().map(dialect::quoted).map(maxSizeOfColumn).collect(Collectors.joining(", "));
            try (Statement statement = source.createStatement()) {
                statement.setQueryTimeout(timeoutSeconds);
                try (ResultSet row = statement.executeQuery("SELECT " + select + " FROM " + dialect.quoted(table))) {
                    row.next();
                    for (int i = 0; i < entry.getValue().size(); i++) {
                        long size = row.getLong(i + 1);
                        largest = Math.max(largest, size);
                        if (!policy.keepsWhole(size)) {
                            truncated.add(table + "." + entry.getValue().get(i) + " (" + ByteSizes.readable(size) + ")");
                        }
                    }
                }
            } catch (SQLException e) {
                if (!isTimeout.test(e)) {
                    throw e;
                }
                unscanned.add(table.toString());
            }
        }
        String limit = policy.supportLobs() ? "LobMaxSize " + policy.lobMaxSizeKb() + " KB" : "SupportLobs=false";
        if (!truncated.isEmpty()) {
            return CheckResult.fail("source", "LOB sizes", "values over the task's " + limit + " would be truncated silently: "
                            + String.join(", ", truncated),
                    "raise TargetMetadata.LobMaxSize (KB) above the largest value, or set FullLobMode: true (slower) in dms.taskSettings");
        }
        if (!unscanned.isEmpty()) {
            return CheckResult.warn("source", "LOB sizes", "the scan of " + String.join(", ", unscanned) + " did not finish in "
                    + timeoutSeconds + " s", "run " + maxSizeOfColumn.apply("<column>") + " on those tables yourself and compare with " + limit);
        }
        return CheckResult.pass("source", "LOB sizes", "largest LOB/JSON/text value " + ByteSizes.readable(largest)
                + " fits the task's " + limit);
    }

    private Map<TableName, List<String>> lobColumns(Connection source, PreflightContext context) throws SQLException {
        Map<TableName, List<String>> lobColumns = new LinkedHashMap<>();
        try (Statement statement = source.createStatement(); ResultSet rows = statement.executeQuery(lobColumnsQuery)) {
            while (rows.next()) {
                TableName table = new TableName(rows.getString(1), rows.getString(2));
                if (context.selects(table)) {
                    lobColumns.computeIfAbsent(table, t -> new ArrayList<>()).add(rows.getString(3));
                }
            }
        }
        return lobColumns;
    }
}
