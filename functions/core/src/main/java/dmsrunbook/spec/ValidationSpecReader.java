package dmsrunbook.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.mapping.QualifiedNameText;
import java.util.HashSet;
import java.util.Iterator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the spec's {@code validation} block for {@link SpecReader}, recording each bad value with its fix. */
final class ValidationSpecReader {

    static final int MAX_REPORTED_KEYS = 1000;
    static final int MAX_CONCURRENCY = 40;
    static final long MIN_ROWS_PER_ITEM = 100;

    /** A query, possibly after comments: invariants only read, and a read-only transaction enforces it as well. */
    private static final Pattern QUERY = Pattern.compile("^(\\s|--[^\\n]*\\n|/\\*.*?\\*/)*(select|with|values|table)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final Pattern LITERALS = Pattern.compile("'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"");

    private ValidationSpecReader() {
    }

    static ValidationSpec read(JsonNode root, SpecProblems problems) {
        Optional<JsonNode> block = problems.object(root, "validation", "validation", false,
                "write validation as an object, e.g. {\"mode\": \"checksums\"}");
        if (block.isEmpty()) {
            return ValidationSpec.defaults();
        }
        JsonNode node = block.get();
        ValidationMode mode = problems.choice(node, "mode", "validation.mode", ValidationMode.class, ValidationSpec.DEFAULT_MODE);
        Map<String, ValidationMode> tables = readTables(node, problems);
        int maxKeys = problems.integer(node, "maxReportedKeys", "validation.maxReportedKeys", ValidationSpec.DEFAULT_MAX_REPORTED_KEYS,
                0, MAX_REPORTED_KEYS, "keys");
        double tolerance = readTolerance(node, problems);
        int concurrency = problems.integer(node, "maxConcurrency", "validation.maxConcurrency", ValidationSpec.DEFAULT_MAX_CONCURRENCY,
                1, MAX_CONCURRENCY, "tables at once");
        long rowsPerItem = readRowsPerItem(node, problems);
        List<InvariantQuery> queries = readQueries(node, problems);
        return new ValidationSpec(mode, tables, maxKeys, tolerance, concurrency, rowsPerItem, queries);
    }

    private static Map<String, ValidationMode> readTables(JsonNode node, SpecProblems problems) {
        Map<String, ValidationMode> tables = new LinkedHashMap<>();
        Optional<JsonNode> overrides = problems.object(node, "tables", "validation.tables", false,
                "map source tables to modes, e.g. {\"public.audit_log\": \"counts\"}");
        if (overrides.isEmpty()) {
            return tables;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = overrides.get().fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = "validation.tables." + field.getKey();
            QualifiedNameText.Result name = QualifiedNameText.parse(field.getKey());
            if (name.table().isEmpty()) {
                problems.add(path, name.problem(), name.fix());
                continue;
            }
            ValidationMode mode = problems.choice(overrides.get(), field.getKey(), path, ValidationMode.class, null);
            // Kept in the form TableName writes, so that "public".orders and public.orders are one table.
            String table = QualifiedNameText.write(name.table().get());
            if (mode != null && tables.containsKey(table)) {
                problems.add(path, "names the same table as an earlier key", "keep one override per table");
            } else if (mode != null) {
                tables.put(table, mode);
            }
        }
        return tables;
    }

    private static double readTolerance(JsonNode node, SpecProblems problems) {
        JsonNode value = node.get("floatTolerance");
        if (value == null || value.isNull()) {
            return ValidationSpec.DEFAULT_FLOAT_TOLERANCE;
        }
        if (!value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < 0) {
            problems.add("validation.floatTolerance", "must be a number of 0 or more",
                    "use the largest absolute difference two floating-point values may have and still be equal, e.g. 1e-9 (0: exactly equal)");
            return ValidationSpec.DEFAULT_FLOAT_TOLERANCE;
        }
        return value.asDouble();
    }

    private static long readRowsPerItem(JsonNode node, SpecProblems problems) {
        JsonNode value = node.get("maxRowsPerItem");
        if (value == null || value.isNull()) {
            return ValidationSpec.DEFAULT_MAX_ROWS_PER_ITEM;
        }
        if (!value.isIntegralNumber() || value.asLong() < MIN_ROWS_PER_ITEM) {
            problems.add("validation.maxRowsPerItem", "must be a whole number of " + MIN_ROWS_PER_ITEM + " or more",
                    "use the rows one invocation may compare, e.g. 2000000 (lower it when a table's diff runs out of time)");
            return ValidationSpec.DEFAULT_MAX_ROWS_PER_ITEM;
        }
        return value.asLong();
    }

    private static List<InvariantQuery> readQueries(JsonNode node, SpecProblems problems) {
        List<InvariantQuery> queries = new ArrayList<>();
        JsonNode array = node.get("queries");
        if (array == null || array.isNull()) {
            return queries;
        }
        if (!array.isArray()) {
            problems.add("validation.queries", "must be an array", "write [{\"name\": \"...\", \"sql\": \"SELECT ...\"}]");
            return queries;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "validation.queries[" + i + "]";
            JsonNode query = array.get(i);
            if (!query.isObject()) {
                problems.add(path, "must be an object", "write {\"name\": \"...\", \"sql\": \"SELECT ...\"}");
                continue;
            }
            String name = problems.text(query, "name", path + ".name", true, null, "name the invariant, e.g. \"balance per user\"");
            if (name != null && !names.add(name)) {
                problems.add(path + ".name", "'" + name + "' names another query too", "give each query its own name");
            }
            String sql = sql(query, "sql", path, true, problems);
            String targetSql = sql(query, "targetSql", path, false, problems);
            JsonNode expected = query.get("expected");
            if (expected != null && !isScalar(expected) && !isRows(expected)) {
                problems.add(path + ".expected", "is neither one value nor an array of rows",
                        "write one value for a one-row, one-column result (e.g. 0), or rows as arrays of values (e.g. [[1, \"a\"]])");
                expected = null;
            }
            if (name != null && sql != null) {
                queries.add(new InvariantQuery(name, sql, targetSql, expected));
            }
        }
        return queries;
    }

    /** One read-only statement: a query, without a second statement after a semicolon. */
    private static String sql(JsonNode query, String field, String path, boolean required, SpecProblems problems) {
        String sql = problems.text(query, field, path + "." + field, required, null,
                "write the query, e.g. \"SELECT count(*) FROM orders WHERE total < 0\"");
        if (sql == null) {
            return null;
        }
        String body = sql.strip();
        if (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1);
        }
        if (!QUERY.matcher(body).matches() || LITERALS.matcher(body).replaceAll("").contains(";")) {
            problems.add(path + "." + field, "is not one query",
                    "write a single SELECT (or WITH ... SELECT): invariants only read, and run in a read-only transaction");
            return null;
        }
        return sql;
    }

    private static boolean isScalar(JsonNode value) {
        return value.isValueNode();
    }

    private static boolean isRows(JsonNode value) {
        if (!value.isArray()) {
            return false;
        }
        for (JsonNode row : value) {
            if (!row.isArray()) {
                return false;
            }
            for (JsonNode cell : row) {
                if (!cell.isValueNode()) {
                    return false;
                }
            }
        }
        return true;
    }
}
