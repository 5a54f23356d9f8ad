package dmsrunbook.database.postgres;

import static dmsrunbook.database.postgres.PostgresQuoting.identifier;
import static dmsrunbook.database.postgres.PostgresQuoting.qualified;

import dmsrunbook.cutover.CutoverObjects;
import dmsrunbook.cutover.MaterializedViewRefresh;
import dmsrunbook.cutover.SequenceAdvance;
import dmsrunbook.cutover.SequenceMove;
import dmsrunbook.cutover.SequenceState;
import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.DatabaseFamilies;
import dmsrunbook.error.Failures;
import dmsrunbook.mapping.TableName;
import dmsrunbook.schema.ObjectName;
import dmsrunbook.schema.SchemaSelection;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.MigrationSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Carries to a PostgreSQL target, at cutover, what neither DMS nor logical replication carries: sequence values and
 * materialized view contents.
 *
 * <p>Every sequence of the selected schemas counts, however it is used: OWNED BY a serial column, an identity
 * column's, one a column reaches through {@code DEFAULT nextval(...)} without owning it, or one no column uses. Each
 * is set by name from the source's sequence ({@code last_value} and {@code is_called}), but never moved backwards
 * and never left below the largest value of a target column it feeds (found through pg_depend, and through
 * {@code nextval('...'::text)} defaults, which pg_depend does not record). Running again changes nothing.
 *
 * <p>Materialized views are refreshed in dependency order, CONCURRENTLY when one is populated and has a unique
 * index on plain columns (readers are not blocked), plainly otherwise. The source is only read.
 */
public final class PostgresCutoverObjects {

    /** Sequences read per statement (one UNION ALL of single-row selects). */
    private static final int SEQUENCES_PER_QUERY = 200;

    private final DatabaseConnector connector;

    public PostgresCutoverObjects(DatabaseConnector connector) {
        this.connector = connector;
    }

    /**
     * For the spec's migration: sequences from a PostgreSQL source (a MySQL source has none: the target's columns
     * alone then decide), materialized views of the target. Nothing for a target that is not PostgreSQL.
     */
    public CutoverObjects carryOver(MigrationSpec spec) {
        if (spec.target().engine().family() != DatabaseEngine.Family.POSTGRES) {
            return CutoverObjects.none();
        }
        SchemaSelection selection;
        Map<ObjectName, SequenceState> fromSource = Map.of();
        try (Connection source = connector.connect(spec.source())) {
            List<TableName> tables = DatabaseFamilies.of(spec.source().engine()).dialect().listTables(source);
            selection = SchemaSelection.fromMappings(spec.mappings(), tables);
            if (spec.source().engine().family() == DatabaseEngine.Family.POSTGRES) {
                fromSource = readSequences(source, selection.sourceSchemas());
            }
        } catch (SQLException e) {
            throw Failures.ofSql("Reading the sequences", spec.source().describe(), e);
        }
        try (Connection target = connector.connect(spec.target())) {
            return carryOver(fromSource, target, selection);
        } catch (SQLException e) {
            throw Failures.ofSql("Setting sequences and refreshing materialized views", spec.target().describe(), e);
        }
    }

    /** Both steps between two PostgreSQL databases. */
    public static CutoverObjects carryOver(Connection source, Connection target, SchemaSelection selection) throws SQLException {
        return carryOver(readSequences(source, selection.sourceSchemas()), target, selection);
    }

    private static CutoverObjects carryOver(Map<ObjectName, SequenceState> fromSource, Connection target, SchemaSelection selection)
            throws SQLException {
        SequenceOutcome sequences = syncSequences(fromSource, target, selection);
        List<MaterializedViewRefresh> refreshed = refreshMaterializedViews(target, selection.targetSchemaNames());
        return new CutoverObjects(sequences.moved(), sequences.alreadyAhead(), sequences.missingOnTarget(), refreshed);
    }

    /** What {@link #syncSequences} did. */
    public record SequenceOutcome(List<SequenceMove> moved, List<ObjectName> alreadyAhead, List<ObjectName> missingOnTarget) {
    }

    /** Every sequence of {@code schemas}, as it stands, by name. */
    public static Map<ObjectName, SequenceState> readSequences(Connection connection, Collection<String> schemas) throws SQLException {
        Map<Long, ObjectName> names = new LinkedHashMap<>();
        Map<Long, Long> increments = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT c.oid, n.nspname, c.relname, s.seqincrement
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid
                WHERE c.relkind = 'S' AND n.nspname = ANY(?) ORDER BY n.nspname, c.relname""")) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.put(rows.getLong(1), new ObjectName(rows.getString(2), rows.getString(3)));
                    increments.put(rows.getLong(1), rows.getLong(4));
                }
            }
        }
        Map<ObjectName, SequenceState> states = new LinkedHashMap<>();
        List<Long> oids = new ArrayList<>(names.keySet());
        for (int from = 0; from < oids.size(); from += SEQUENCES_PER_QUERY) {
            List<Long> chunk = oids.subList(from, Math.min(oids.size(), from + SEQUENCES_PER_QUERY));
            // pg_sequences shows NULL for a sequence never called; the relation itself has last_value and is_called.
            String sql = chunk.stream().map(oid -> "SELECT " + oid + "::bigint, last_value, is_called FROM " + qualified(names.get(oid)))
                    .collect(Collectors.joining(" UNION ALL "));
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    long oid = rows.getLong(1);
                    states.put(names.get(oid), new SequenceState(names.get(oid), rows.getLong(2), rows.getBoolean(3), increments.get(oid)));
                }
            }
        }
        return states;
    }

    /**
     * Moves every sequence of the target's selected schemas to where {@link SequenceAdvance} says: the source's value
     * (by name, the schema renamed as {@code selection} says), past its columns' values, never back.
     */
    public static SequenceOutcome syncSequences(Map<ObjectName, SequenceState> fromSource, Connection target, SchemaSelection selection)
            throws SQLException {
        Map<ObjectName, SequenceState> byTargetName = new HashMap<>();
        fromSource.forEach((name, state) -> byTargetName.put(name.inSchema(selection.targetSchema(name.schema())), state));
        Map<ObjectName, SequenceState> onTarget = readSequences(target, selection.targetSchemaNames());
        Map<ObjectName, List<FedColumn>> columns = fedColumns(target, selection.targetSchemaNames());
        List<SequenceMove> moved = new ArrayList<>();
        List<ObjectName> alreadyAhead = new ArrayList<>();
        for (SequenceState sequence : onTarget.values()) {
            List<FedColumn> fed = columns.getOrDefault(sequence.name(), List.of());
            BigInteger extreme = null;
            for (FedColumn column : fed) {
                BigInteger value = extreme(target, column, sequence.direction());
                if (value != null && (extreme == null || value.compareTo(extreme) * sequence.direction() > 0)) {
                    extreme = value;
                }
            }
            String columnNames = fed.stream().map(FedColumn::describe).collect(Collectors.joining(", "));
            Optional<SequenceMove> move = SequenceAdvance.decide(sequence, byTargetName.get(sequence.name()), extreme, columnNames);
            if (move.isPresent()) {
                setValue(target, move.get());
                moved.add(move.get());
            } else {
                alreadyAhead.add(sequence.name());
            }
        }
        List<ObjectName> missing = byTargetName.keySet().stream().filter(name -> !onTarget.containsKey(name)).sorted().toList();
        return new SequenceOutcome(moved, alreadyAhead, missing);
    }

    /** A table column whose values come from a sequence. */
    private record FedColumn(ObjectName table, String column) {
        String describe() {
            return table + "." + ObjectName.display(column);
        }
    }

    /**
     * The integer columns of tables that each sequence of {@code schemas} feeds: defaults that call it (pg_depend
     * records {@code nextval('x'::regclass)}; {@code nextval('x'::text)}, resolved at each call, is read from the
     * default's text and resolved with this session's search_path), and
     * OWNED BY and identity columns. A partition is left out when its partitioned table has the same column: the
     * parent's max covers it.
     */
    private static Map<ObjectName, List<FedColumn>> fedColumns(Connection target, Collection<String> schemas) throws SQLException {
        record Row(ObjectName sequence, FedColumn column, long table, long root) {
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement statement = target.prepareStatement("""
                WITH uses AS (
                    SELECT d.refobjid AS seq, ad.adrelid AS relid, ad.adnum AS attnum
                    FROM pg_depend d JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid
                    WHERE d.refclassid = 'pg_class'::regclass
                    UNION
                    SELECT d.objid, d.refobjid, d.refobjsubid FROM pg_depend d
                    WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0
                      AND d.deptype IN ('a', 'i')
                    UNION
                    SELECT to_regclass(replace((regexp_match(pg_get_expr(ad.adbin, ad.adrelid), 'nextval\\(\\(''((?:[^'']|'''')+)''::text\\)::regclass\\)'))[1], '''''', ''''))::oid,
                           ad.adrelid, ad.adnum
                    FROM pg_attrdef ad WHERE pg_get_expr(ad.adbin, ad.adrelid) ~ 'nextval\\(\\(''.*''::text\\)::regclass\\)'
                )
                SELECT DISTINCT sn.nspname, s.relname, tn.nspname, t.relname, a.attname, t.oid,
                       COALESCE(pg_partition_root(t.oid)::oid, t.oid)
                FROM uses u JOIN pg_class s ON s.oid = u.seq AND s.relkind = 'S' JOIN pg_namespace sn ON sn.oid = s.relnamespace
                JOIN pg_class t ON t.oid = u.relid AND t.relkind IN ('r', 'p') JOIN pg_namespace tn ON tn.oid = t.relnamespace
                JOIN pg_attribute a ON a.attrelid = u.relid AND a.attnum = u.attnum AND NOT a.attisdropped
                JOIN pg_type ty ON ty.oid = a.atttypid
                WHERE sn.nspname = ANY(?)
                  AND CASE WHEN ty.typtype = 'd' THEN ty.typbasetype ELSE ty.oid END
                      IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype)
                ORDER BY 1, 2, 3, 4, 5""")) {
            statement.setArray(1, target.createArrayOf("text", schemas.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(new ObjectName(result.getString(1), result.getString(2)),
                            new FedColumn(new ObjectName(result.getString(3), result.getString(4)), result.getString(5)),
                            result.getLong(6), result.getLong(7)));
                }
            }
        }
        Set<String> fed = rows.stream().map(r -> r.sequence() + "/" + r.table() + "/" + r.column().column()).collect(Collectors.toSet());
        Map<ObjectName, List<FedColumn>> columns = new HashMap<>();
        for (Row row : rows) {
            if (row.root() != row.table() && fed.contains(row.sequence() + "/" + row.root() + "/" + row.column().column())) {
                continue;
            }
            columns.computeIfAbsent(row.sequence(), k -> new ArrayList<>()).add(row.column());
        }
        return columns;
    }

    /** The column's largest value (smallest for a descending sequence), or null when the table is empty. */
    private static BigInteger extreme(Connection target, FedColumn column, int direction) throws SQLException {
        try (Statement statement = target.createStatement(); ResultSet row = statement.executeQuery("SELECT " + (direction > 0 ? "max(" : "min(")
                + identifier(column.column()) + ")::numeric FROM " + qualified(column.table()))) {
            row.next();
            BigDecimal value = row.getBigDecimal(1);
            return value == null ? null : value.setScale(0, direction > 0 ? RoundingMode.CEILING : RoundingMode.FLOOR).toBigIntegerExact();
        }
    }

    private static void setValue(Connection target, SequenceMove move) throws SQLException {
        try (PreparedStatement statement = target.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
            statement.setString(1, qualified(move.sequence()));
            statement.setLong(2, move.value());
            statement.setBoolean(3, move.called());
            statement.executeQuery().close();
        }
    }

    /**
     * Refreshes every materialized view of {@code schemas}, each after those it reads (directly or through views).
     * Outside a transaction: REFRESH ... CONCURRENTLY cannot run inside one.
     */
    public static List<MaterializedViewRefresh> refreshMaterializedViews(Connection target, Collection<String> schemas) throws SQLException {
        record MaterializedView(long oid, ObjectName name, boolean populated, boolean uniqueIndex) {
        }
        Map<Long, MaterializedView> views = new LinkedHashMap<>();
        try (PreparedStatement statement = target.prepareStatement("""
                SELECT c.oid, n.nspname, c.relname, c.relispopulated,
                       EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisunique AND i.indisvalid
                               AND i.indpred IS NULL AND i.indexprs IS NULL)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'm' AND n.nspname = ANY(?) ORDER BY 2, 3""")) {
            statement.setArray(1, target.createArrayOf("text", schemas.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    views.put(rows.getLong(1), new MaterializedView(rows.getLong(1), new ObjectName(rows.getString(2), rows.getString(3)),
                            rows.getBoolean(4), rows.getBoolean(5)));
                }
            }
        }
        if (views.isEmpty()) {
            return List.of();
        }
        // What each view or materialized view reads, from its rewrite rule's dependencies.
        Map<Long, Set<Long>> reads = new HashMap<>();
        try (Statement statement = target.createStatement(); ResultSet rows = statement.executeQuery("""
                SELECT DISTINCT r.ev_class, d.refobjid FROM pg_rewrite r
                JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass
                JOIN pg_class c ON c.oid = r.ev_class
                WHERE c.relkind IN ('v', 'm') AND c.oid >= 16384 AND d.refobjid <> r.ev_class""")) {
            while (rows.next()) {
                reads.computeIfAbsent(rows.getLong(1), k -> new HashSet<>()).add(rows.getLong(2));
            }
        }
        Map<MaterializedView, Set<MaterializedView>> needs = new HashMap<>();
        for (MaterializedView view : views.values()) {
            Set<MaterializedView> needed = new HashSet<>();
            collectMaterialized(view.oid(), reads, views, needed, new HashSet<>());
            needed.remove(view);
            needs.put(view, needed);
        }
        List<MaterializedView> ordered = new PostgresDependencyOrder<MaterializedView>(Comparator.comparing(MaterializedView::name))
                .order(views.values(), needs);
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(true);
        List<MaterializedViewRefresh> refreshed = new ArrayList<>();
        try (Statement statement = target.createStatement()) {
            for (MaterializedView view : ordered) {
                boolean concurrently = view.populated() && view.uniqueIndex();
                statement.execute("REFRESH MATERIALIZED VIEW " + (concurrently ? "CONCURRENTLY " : "") + qualified(view.name()));
                refreshed.add(new MaterializedViewRefresh(view.name(), concurrently));
            }
        } finally {
            target.setAutoCommit(autoCommit);
        }
        return refreshed;
    }

    private static <V> void collectMaterialized(long relation, Map<Long, Set<Long>> reads, Map<Long, V> materialized, Set<V> into,
                                                Set<Long> seen) {
        for (long read : reads.getOrDefault(relation, Set.of())) {
            if (!seen.add(read)) {
                continue;
            }
            V view = materialized.get(read);
            if (view != null) {
                into.add(view);
            } else {
                collectMaterialized(read, reads, materialized, into, seen);
            }
        }
    }
}
