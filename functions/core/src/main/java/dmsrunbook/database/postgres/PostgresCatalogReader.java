package dmsrunbook.database.postgres;

import dmsrunbook.database.postgres.PostgresCatalog.Address;
import dmsrunbook.database.postgres.PostgresCatalog.Attribute;
import dmsrunbook.database.postgres.PostgresCatalog.Collation;
import dmsrunbook.database.postgres.PostgresCatalog.Column;
import dmsrunbook.database.postgres.PostgresCatalog.CompositeType;
import dmsrunbook.database.postgres.PostgresCatalog.Constraint;
import dmsrunbook.database.postgres.PostgresCatalog.Dependency;
import dmsrunbook.database.postgres.PostgresCatalog.Domain;
import dmsrunbook.database.postgres.PostgresCatalog.DomainCheck;
import dmsrunbook.database.postgres.PostgresCatalog.EnumType;
import dmsrunbook.database.postgres.PostgresCatalog.Extension;
import dmsrunbook.database.postgres.PostgresCatalog.Function;
import dmsrunbook.database.postgres.PostgresCatalog.Index;
import dmsrunbook.database.postgres.PostgresCatalog.Ownership;
import dmsrunbook.database.postgres.PostgresCatalog.RangeType;
import dmsrunbook.database.postgres.PostgresCatalog.Rule;
import dmsrunbook.database.postgres.PostgresCatalog.Schema;
import dmsrunbook.database.postgres.PostgresCatalog.Sequence;
import dmsrunbook.database.postgres.PostgresCatalog.Table;
import dmsrunbook.database.postgres.PostgresCatalog.Trigger;
import dmsrunbook.database.postgres.PostgresCatalog.View;
import dmsrunbook.schema.ObjectName;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link PostgresCatalog} of the given schemas. Everything is read in one read-only REPEATABLE READ
 * transaction (one snapshot, nothing written: safe on a production source) with an empty search_path, as pg_dump
 * reads, so the definitions PostgreSQL renders name every object with its schema. Columns that differ between server
 * versions are read through {@code to_jsonb(row)} so one query serves PostgreSQL 12 to 17.
 */
public final class PostgresCatalogReader {

    /** Objects that belong to an extension are created by CREATE EXTENSION, not one by one. */
    private static final String NOT_IN_EXTENSION = """
            NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '%s'::regclass AND e.objid = %s AND e.deptype = 'e')""";

    private PostgresCatalogReader() {
    }

    public static PostgresCatalog read(Connection connection, Collection<String> schemas) throws SQLException {
        return PostgresSnapshot.read(connection, c -> {
            try (Statement setup = c.createStatement()) {
                setup.execute("SELECT pg_catalog.set_config('search_path', '', true)");
            }
            return new Reading(c, c.createArrayOf("text", schemas.toArray())).read();
        });
    }

    /** One read: the connection, the schemas as a SQL array, and the aliases collected on the way. */
    private static final class Reading {

        private final Connection connection;
        private final Array schemas;
        private final Map<Address, Address> aliases = new LinkedHashMap<>();
        private final List<String> notCarried = new ArrayList<>();

        Reading(Connection connection, Array schemas) {
            this.connection = connection;
            this.schemas = schemas;
        }

        PostgresCatalog read() throws SQLException {
            List<Schema> schemaRows = schemas();
            List<Extension> extensions = extensions();
            List<Collation> collations = collations();
            List<EnumType> enums = new ArrayList<>();
            List<Domain> domains = new ArrayList<>();
            List<CompositeType> composites = new ArrayList<>();
            List<RangeType> ranges = new ArrayList<>();
            types(enums, domains, composites, ranges);
            List<Sequence> sequences = sequences();
            Map<Long, List<Column>> columns = columns();
            List<Table> tables = tables(columns);
            List<Constraint> constraints = constraints();
            List<Index> indexes = indexes();
            List<Function> functions = functions();
            List<View> views = views(columns);
            List<Trigger> triggers = triggers();
            List<PostgresCatalog.Rule> rules = rules();
            List<Dependency> dependencies = dependencies();
            arrayAliases();
            extensionMembers();
            uncarried();
            return new PostgresCatalog(schemaRows, extensions, collations, enums, domains, composites, ranges, sequences,
                    tables, constraints, indexes, functions, views, triggers, rules, dependencies, aliases, notCarried);
        }

        private List<Schema> schemas() throws SQLException {
            List<Schema> rows = new ArrayList<>();
            query("""
                    SELECT n.oid, n.nspname, obj_description(n.oid, 'pg_namespace') FROM pg_namespace n
                    WHERE n.nspname = ANY(?) ORDER BY n.nspname""", row -> rows.add(new Schema(row.getLong(1), row.getString(2), row.getString(3))));
            return rows;
        }

        /** Every extension of the database: the plan takes those in selected schemas and those selected objects use. */
        private List<Extension> extensions() throws SQLException {
            List<Extension> rows = new ArrayList<>();
            queryAll("""
                    SELECT e.oid, e.extname, n.nspname, e.extversion FROM pg_extension e
                    JOIN pg_namespace n ON n.oid = e.extnamespace ORDER BY e.extname""",
                    row -> rows.add(new Extension(row.getLong(1), row.getString(2), row.getString(3), row.getString(4))));
            return rows;
        }

        private List<Collation> collations() throws SQLException {
            List<Collation> rows = new ArrayList<>();
            query("""
                    SELECT co.oid, n.nspname, co.collname, co.collprovider, co.collcollate, co.collctype,
                           COALESCE(to_jsonb(co) ->> 'colllocale', to_jsonb(co) ->> 'colliculocale', co.collcollate),
                           co.collisdeterministic
                    FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace
                    WHERE n.nspname = ANY(?) AND %s ORDER BY 2, 3""".formatted(notInExtension("pg_collation", "co.oid")),
                    row -> rows.add(new Collation(row.getLong(1), name(row, 2), row.getString(4).charAt(0), row.getString(5),
                            row.getString(6), row.getString(7), row.getBoolean(8))));
            return rows;
        }

        private void types(List<EnumType> enums, List<Domain> domains, List<CompositeType> composites, List<RangeType> ranges)
                throws SQLException {
            Map<Long, List<String>> labels = new HashMap<>();
            query("""
                    SELECT e.enumtypid, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
                    JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ANY(?) ORDER BY e.enumtypid, e.enumsortorder""",
                    row -> labels.computeIfAbsent(row.getLong(1), k -> new ArrayList<>()).add(row.getString(2)));
            Map<Long, List<DomainCheck>> checks = new HashMap<>();
            query("""
                    SELECT c.contypid, c.oid, c.conname, pg_get_constraintdef(c.oid), c.convalidated
                    FROM pg_constraint c JOIN pg_type t ON t.oid = c.contypid JOIN pg_namespace n ON n.oid = t.typnamespace
                    WHERE n.nspname = ANY(?) AND c.contype = 'c' ORDER BY c.contypid, c.conname""", row -> {
                checks.computeIfAbsent(row.getLong(1), k -> new ArrayList<>())
                        .add(new DomainCheck(row.getLong(2), row.getString(3), row.getString(4), row.getBoolean(5)));
                aliases.put(new Address("pg_constraint", row.getLong(2)), new Address("pg_type", row.getLong(1)));
            });
            Map<Long, List<Attribute>> attributes = new HashMap<>();
            query("""
                    SELECT t.oid, a.attname, format_type(a.atttypid, a.atttypmod), cn.nspname, co.collname
                    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                    JOIN pg_class r ON r.oid = t.typrelid AND r.relkind = 'c'
                    JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
                    JOIN pg_type at ON at.oid = a.atttypid
                    LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> at.typcollation
                    LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
                    WHERE n.nspname = ANY(?) ORDER BY t.oid, a.attnum""",
                    row -> attributes.computeIfAbsent(row.getLong(1), k -> new ArrayList<>())
                            .add(new Attribute(row.getString(2), row.getString(3), optionalName(row, 4))));
            query("""
                    SELECT t.oid, n.nspname, t.typname, t.typtype, t.typrelid, obj_description(t.oid, 'pg_type'),
                           format_type(t.typbasetype, t.typtypmod), t.typnotnull, pg_get_expr(t.typdefaultbin, 0),
                           dcn.nspname, dco.collname,
                           format_type(r.rngsubtype, NULL), CASE WHEN NOT opc.opcdefault THEN opcn.nspname END, opc.opcname,
                           rcn.nspname, rco.collname,
                           NULLIF(r.rngcanonical, 0)::regproc::text, NULLIF(r.rngsubdiff, 0)::regproc::text,
                           mn.nspname, mt.typname, r.rngmultitypid
                    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                    LEFT JOIN pg_class tr ON tr.oid = t.typrelid
                    LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
                    LEFT JOIN pg_collation dco ON dco.oid = t.typcollation AND t.typtype = 'd' AND t.typcollation <> bt.typcollation
                    LEFT JOIN pg_namespace dcn ON dcn.oid = dco.collnamespace
                    LEFT JOIN pg_range r ON r.rngtypid = t.oid
                    LEFT JOIN pg_opclass opc ON opc.oid = r.rngsubopc LEFT JOIN pg_namespace opcn ON opcn.oid = opc.opcnamespace
                    LEFT JOIN pg_type st ON st.oid = r.rngsubtype
                    LEFT JOIN pg_collation rco ON rco.oid = r.rngcollation AND r.rngcollation <> st.typcollation
                    LEFT JOIN pg_namespace rcn ON rcn.oid = rco.collnamespace
                    LEFT JOIN pg_type mt ON mt.oid = r.rngmultitypid LEFT JOIN pg_namespace mn ON mn.oid = mt.typnamespace
                    WHERE n.nspname = ANY(?) AND %s
                      AND (t.typtype IN ('e', 'd', 'r') OR t.typtype = 'c' AND tr.relkind = 'c' OR t.typtype = 'b' AND t.typelem = 0)
                    ORDER BY 2, 3""".formatted(notInExtension("pg_type", "t.oid")), row -> {
                long oid = row.getLong(1);
                ObjectName name = name(row, 2);
                String comment = row.getString(6);
                switch (row.getString(4).charAt(0)) {
                    case 'e' -> enums.add(new EnumType(oid, name, labels.getOrDefault(oid, List.of()), comment));
                    case 'd' -> domains.add(new Domain(oid, name, row.getString(7), optionalName(row, 10), row.getString(9),
                            row.getBoolean(8), checks.getOrDefault(oid, List.of()), comment));
                    case 'c' -> {
                        composites.add(new CompositeType(oid, row.getLong(5), name, attributes.getOrDefault(oid, List.of()), comment));
                        aliases.put(new Address("pg_class", row.getLong(5)), new Address("pg_type", oid));
                    }
                    case 'r' -> {
                        ranges.add(new RangeType(oid, name, row.getString(12), row.getString(13) == null ? null
                                : new ObjectName(row.getString(13), row.getString(14)), optionalName(row, 15), row.getString(17),
                                row.getString(18), optionalName(row, 19), comment));
                        aliases.put(new Address("pg_type", row.getLong(21)), new Address("pg_type", oid));
                    }
                    default -> notCarried.add("base type " + name + ": written in C, it needs its extension or library on the target");
                }
            });
        }

        private List<Sequence> sequences() throws SQLException {
            List<Sequence> rows = new ArrayList<>();
            query("""
                    SELECT c.oid, n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,
                           s.seqmin, s.seqmax, s.seqcache, s.seqcycle, c.relpersistence = 'u', d.deptype,
                           tn.nspname, tc.relname, a.attname, obj_description(c.oid, 'pg_class')
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid
                    LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
                         AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
                    LEFT JOIN pg_class tc ON tc.oid = d.refobjid LEFT JOIN pg_namespace tn ON tn.oid = tc.relnamespace
                    LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                    WHERE c.relkind = 'S' AND n.nspname = ANY(?) AND %s ORDER BY 2, 3""".formatted(notInExtension("pg_class", "c.oid")),
                    row -> {
                        String deptype = row.getString(12);
                        Ownership ownership = deptype == null ? Ownership.NONE : deptype.equals("i") ? Ownership.IDENTITY : Ownership.OWNED;
                        rows.add(new Sequence(row.getLong(1), name(row, 2), row.getString(4), row.getLong(5), row.getLong(6),
                                row.getLong(7), row.getLong(8), row.getLong(9), row.getBoolean(10), row.getBoolean(11), ownership,
                                optionalName(row, 13), row.getString(15), row.getString(16)));
                    });
            return rows;
        }

        /** The columns of every table, view and materialized view, by relation oid; column defaults become aliases. */
        private Map<Long, List<Column>> columns() throws SQLException {
            Map<Long, List<Column>> columns = new HashMap<>();
            query("""
                    SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), cn.nspname, co.collname, a.attnotnull,
                           pg_get_expr(ad.adbin, ad.adrelid), a.attgenerated <> '', a.attidentity, a.attislocal,
                           col_description(a.attrelid, a.attnum), ad.oid
                    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                    JOIN pg_type t ON t.oid = a.atttypid
                    LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                    LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation
                    LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
                    WHERE n.nspname = ANY(?) AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped
                    ORDER BY a.attrelid, a.attnum""", row -> {
                String identity = row.getString(9);
                columns.computeIfAbsent(row.getLong(1), k -> new ArrayList<>()).add(new Column(row.getString(2), row.getString(3),
                        optionalName(row, 4), row.getBoolean(6), row.getString(7), row.getBoolean(8),
                        identity == null || identity.isEmpty() ? ' ' : identity.charAt(0), row.getBoolean(10), row.getString(11)));
                if (row.getObject(12) != null) {
                    aliases.put(new Address("pg_attrdef", row.getLong(12)), new Address("pg_class", row.getLong(1)));
                }
            });
            return columns;
        }

        private List<Table> tables(Map<Long, List<Column>> columns) throws SQLException {
            List<Table> rows = new ArrayList<>();
            query("""
                    SELECT c.oid, n.nspname, c.relname, c.relkind = 'p', c.relpersistence = 'u',
                           CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
                           pn.nspname, p.relname, p.oid, CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,
                           c.reloptions, obj_description(c.oid, 'pg_class'), c.reltype, c.reloftype <> 0,
                           EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid) AND NOT c.relispartition
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND c.relispartition
                    LEFT JOIN pg_class p ON p.oid = i.inhparent LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
                    WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY(?) AND %s ORDER BY 2, 3""".formatted(notInExtension("pg_class", "c.oid")),
                    row -> {
                        long oid = row.getLong(1);
                        ObjectName name = name(row, 2);
                        rows.add(new Table(oid, name, row.getBoolean(4), row.getBoolean(5), row.getString(6), optionalName(row, 7),
                                row.getObject(9) == null ? 0 : row.getLong(9), row.getString(10), strings(row.getArray(11)),
                                columns.getOrDefault(oid, List.of()), row.getString(12)));
                        aliases.put(new Address("pg_type", row.getLong(13)), new Address("pg_class", oid));
                        if (row.getBoolean(14)) {
                            notCarried.add("typed table " + name + " (OF type): created as a plain table with the same columns");
                        }
                        if (row.getBoolean(15)) {
                            notCarried.add("inheritance of table " + name + " (INHERITS): created as a plain table with all its columns");
                        }
                    });
            return rows;
        }

        private List<Constraint> constraints() throws SQLException {
            List<Constraint> rows = new ArrayList<>();
            query("""
                    SELECT c.oid, c.conrelid, n.nspname, t.relname, c.conname, c.contype, pg_get_constraintdef(c.oid),
                           c.convalidated, c.conparentid, COALESCE(pc.conrelid, 0), c.conislocal, c.conindid,
                           t.relkind = 'p', obj_description(c.oid, 'pg_constraint')
                    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                    LEFT JOIN pg_constraint pc ON pc.oid = c.conparentid
                    WHERE n.nspname = ANY(?) AND c.contype IN ('p', 'u', 'x', 'f', 'c') AND t.relkind IN ('r', 'p')
                    ORDER BY 3, 4, 5""", row -> {
                Constraint constraint = new Constraint(row.getLong(1), row.getLong(2), name(row, 3), row.getString(5),
                        row.getString(6).charAt(0), row.getString(7), row.getBoolean(8), row.getLong(9), row.getLong(10),
                        row.getBoolean(11), row.getLong(12), row.getBoolean(13), row.getString(14));
                rows.add(constraint);
                if ("pux".indexOf(constraint.type()) >= 0 && constraint.indexOid() != 0) {
                    aliases.put(new Address("pg_class", constraint.indexOid()), new Address("pg_constraint", constraint.oid()));
                }
            });
            return rows;
        }

        /** Indexes that back no constraint of their table (those come with their constraint). */
        private List<Index> indexes() throws SQLException {
            List<Index> rows = new ArrayList<>();
            query("""
                    SELECT i.indexrelid, i.indrelid, n.nspname, ic.relname, t.relname, pg_get_indexdef(i.indexrelid),
                           i.indisunique, quote_ident(ic.relname), COALESCE(h.inhparent, 0), obj_description(i.indexrelid, 'pg_class')
                    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
                    JOIN pg_namespace n ON n.oid = t.relnamespace
                    LEFT JOIN pg_inherits h ON h.inhrelid = i.indexrelid
                    WHERE n.nspname = ANY(?) AND t.relkind IN ('r', 'p', 'm')
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid
                                      AND c.contype IN ('p', 'u', 'x'))
                    ORDER BY 3, 4""", row -> rows.add(new Index(row.getLong(1), row.getLong(2), name(row, 3),
                    new ObjectName(row.getString(3), row.getString(5)), row.getString(6), row.getBoolean(7), row.getString(8),
                    row.getLong(9), row.getString(10))));
            return rows;
        }

        /** Functions and procedures, not the constructors PostgreSQL makes for a range type (they come with it). */
    private List<Function> functions() throws SQLException {
            List<Function> rows = new ArrayList<>();
            query("""
                    SELECT p.oid, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind,
                           CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END, obj_description(p.oid, 'pg_proc')
                    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname = ANY(?) AND %s
                      AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_proc'::regclass AND i.objid = p.oid AND i.deptype = 'i')
                    ORDER BY 2, 3, 4""".formatted(notInExtension("pg_proc", "p.oid")), row -> {
                ObjectName name = name(row, 2);
                char kind = row.getString(5).charAt(0);
                if (kind == 'a') {
                    notCarried.add("aggregate " + name + "(" + row.getString(4) + "): create it on the target with CREATE AGGREGATE");
                } else {
                    rows.add(new Function(row.getLong(1), name, row.getString(4), kind, row.getString(6), row.getString(7)));
                }
            });
            return rows;
        }

        private List<View> views(Map<Long, List<Column>> columns) throws SQLException {
            List<View> rows = new ArrayList<>();
            query("""
                    SELECT c.oid, n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid), c.reloptions, c.relispopulated,
                           obj_description(c.oid, 'pg_class'), c.reltype, r.oid
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    LEFT JOIN pg_rewrite r ON r.ev_class = c.oid AND r.rulename = '_RETURN'
                    WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY(?) AND %s ORDER BY 2, 3""".formatted(notInExtension("pg_class", "c.oid")),
                    row -> {
                        long oid = row.getLong(1);
                        String query = row.getString(5).strip();
                        rows.add(new View(oid, name(row, 2), row.getBoolean(4), query.endsWith(";") ? query.substring(0, query.length() - 1) : query,
                                strings(row.getArray(6)), row.getBoolean(7), columns.getOrDefault(oid, List.of()), row.getString(8)));
                        aliases.put(new Address("pg_type", row.getLong(9)), new Address("pg_class", oid));
                        if (row.getObject(10) != null) {
                            aliases.put(new Address("pg_rewrite", row.getLong(10)), new Address("pg_class", oid));
                        }
                    });
            return rows;
        }

        /** User triggers, not the clones PostgreSQL keeps on each partition (they follow the parent's). */
        private List<Trigger> triggers() throws SQLException {
            List<Trigger> rows = new ArrayList<>();
            query("""
                    SELECT t.oid, t.tgrelid, n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled
                    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = ANY(?) AND NOT t.tgisinternal AND COALESCE((to_jsonb(t) ->> 'tgparentid')::oid, 0) = 0
                    ORDER BY 3, 4, 5""", row -> rows.add(new Trigger(row.getLong(1), row.getLong(2), name(row, 3), row.getString(5),
                    row.getString(6), row.getString(7).charAt(0))));
            return rows;
        }

        private List<PostgresCatalog.Rule> rules() throws SQLException {
            List<PostgresCatalog.Rule> rows = new ArrayList<>();
            query("""
                    SELECT r.oid, r.ev_class, n.nspname, c.relname, r.rulename, pg_get_ruledef(r.oid)
                    FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = ANY(?) AND r.rulename <> '_RETURN' ORDER BY 3, 4, 5""", row -> {
                String definition = row.getString(6).strip();
                rows.add(new Rule(row.getLong(1), row.getLong(2), name(row, 3), row.getString(5),
                        definition.endsWith(";") ? definition.substring(0, definition.length() - 1) : definition));
            });
            return rows;
        }

        /** pg_depend's normal and automatic edges between user objects (oids from 16384 up are not built in). */
        private List<Dependency> dependencies() throws SQLException {
            List<Dependency> rows = new ArrayList<>();
            queryAll("""
                    SELECT d.classid::regclass::text, d.objid, d.refclassid::regclass::text, d.refobjid, d.deptype
                    FROM pg_depend d WHERE d.deptype IN ('n', 'a') AND d.objid >= 16384 AND d.refobjid >= 16384""",
                    row -> rows.add(new Dependency(new Address(row.getString(1), row.getLong(2)),
                            new Address(row.getString(3), row.getLong(4)), row.getString(5).charAt(0))));
            return rows;
        }

        /** What the plan does not create, named for the report. */
        private void uncarried() throws SQLException {
            query("""
                    SELECT 'row-level security policy', n.nspname, c.relname, p.polname FROM pg_policy p
                    JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(?)
                    UNION ALL
                    SELECT 'row-level security switched on', n.nspname, c.relname, NULL FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(?) AND c.relrowsecurity
                    UNION ALL
                    SELECT 'foreign table', n.nspname, c.relname, NULL FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(?) AND c.relkind = 'f'
                    UNION ALL
                    SELECT 'statistics object', n.nspname, s.stxname, NULL FROM pg_statistic_ext s
                    JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE n.nspname = ANY(?)
                    ORDER BY 1, 2, 3, 4""", row -> notCarried.add(row.getString(1) + " "
                    + new ObjectName(row.getString(2), row.getString(3)) + (row.getString(4) == null ? "" : " " + ObjectName.display(row.getString(4)))
                    + ": create it on the target by hand"));
        }

        /** An array type stands for its element type. */
        private void arrayAliases() throws SQLException {
            queryAll("SELECT t.oid, t.typelem FROM pg_type t WHERE t.oid >= 16384 AND t.typelem <> 0 AND t.typcategory = 'A'",
                    row -> aliases.put(new Address("pg_type", row.getLong(1)), new Address("pg_type", row.getLong(2))));
        }

        /** An extension's member objects stand for the extension. */
        private void extensionMembers() throws SQLException {
            queryAll("""
                    SELECT d.classid::regclass::text, d.objid, d.refobjid FROM pg_depend d
                    WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'""",
                    row -> aliases.put(new Address(row.getString(1), row.getLong(2)), new Address("pg_extension", row.getLong(3))));
        }

        private interface RowReader {
            void read(ResultSet row) throws SQLException;
        }

        /** Runs a query whose parameters are all the schema array. */
        private void query(String sql, RowReader reader) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int parameter = 1; parameter <= statement.getParameterMetaData().getParameterCount(); parameter++) {
                    statement.setArray(parameter, schemas);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        reader.read(rows);
                    }
                }
            }
        }

        private void queryAll(String sql, RowReader reader) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        }
    }

    private static String notInExtension(String catalog, String oidColumn) {
        return NOT_IN_EXTENSION.formatted(catalog, oidColumn).strip();
    }

    private static ObjectName name(ResultSet row, int schemaColumn) throws SQLException {
        return new ObjectName(row.getString(schemaColumn), row.getString(schemaColumn + 1));
    }

    private static ObjectName optionalName(ResultSet row, int schemaColumn) throws SQLException {
        String schema = row.getString(schemaColumn);
        return schema == null ? null : new ObjectName(schema, row.getString(schemaColumn + 1));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
