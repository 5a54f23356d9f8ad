package dmsrunbook.database.postgres;

import dmsrunbook.schema.ObjectName;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the schema assessment needs beyond the {@link PostgresCatalog}: each column's type as DMS sees it, each
 * table's replica identity, each function's language, the owners and grants of the selected schemas' objects, the
 * database's large objects and event triggers. Read like the catalog: one read-only REPEATABLE READ transaction, so
 * nothing is written on the source.
 */
public record PostgresAssessmentFacts(
        Map<Long, Map<String, ColumnType>> columnTypes,
        Map<Long, Character> replicaIdentities,
        Map<Long, String> functionLanguages,
        List<Owned> owned,
        List<Grant> grants,
        long largeObjects,
        List<String> largeObjectOwners,
        List<EventTrigger> eventTriggers) {

    /**
     * A column's type: {@code name} is pg_type's typname of the type, or of a domain's base type; {@code typtype} is
     * pg_type's ('b' base, 'e' enum, 'c' composite, 'r' range, 'm' multirange); {@code typmod} the modifier (-1 when
     * none: a numeric without precision).
     */
    public record ColumnType(String name, char typtype, boolean array, int typmod, boolean domain) {
    }

    /** An object of the selected schemas and the role that owns it; {@code kind} is the report's word for it. */
    public record Owned(String kind, String name, String owner) {
    }

    /** A privilege granted on an object of the selected schemas to a role other than its owner (PUBLIC included). */
    public record Grant(String kind, String name, String grantee, String privilege) {
    }

    /** {@code enabled} is pg_event_trigger's evtenabled: 'O', 'D', 'R' or 'A'. */
    public record EventTrigger(String name, String event, String function, String owner, char enabled) {
    }

    public static PostgresAssessmentFacts read(Connection connection, Collection<String> schemas) throws SQLException {
        return PostgresSnapshot.read(connection, c -> {
            Array names = c.createArrayOf("text", schemas.toArray());
            return new PostgresAssessmentFacts(columnTypes(c, names), replicaIdentities(c, names), languages(c, names), owned(c, names),
                    grants(c, names), largeObjects(c), largeObjectOwners(c), eventTriggers(c));
        });
    }

    private static Map<Long, Map<String, ColumnType>> columnTypes(Connection connection, Array schemas) throws SQLException {
        Map<Long, Map<String, ColumnType>> types = new HashMap<>();
        // A domain stands for its base type (one level deep, as domains are in practice); an array for its elements.
        query(connection, schemas, """
                SELECT a.attrelid, a.attname, b.typname, b.typtype, b.typcategory = 'A', e.typname, e.typtype,
                       CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END, t.typtype = 'd'
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_type t ON t.oid = a.atttypid
                JOIN pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
                LEFT JOIN pg_type e ON e.oid = b.typelem AND b.typcategory = 'A'
                WHERE n.nspname = ANY(?) AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped""", row -> {
            boolean array = row.getBoolean(5);
            String name = array && row.getString(6) != null ? row.getString(6) : row.getString(3);
            char typtype = (array && row.getString(7) != null ? row.getString(7) : row.getString(4)).charAt(0);
            types.computeIfAbsent(row.getLong(1), k -> new HashMap<>())
                    .put(row.getString(2), new ColumnType(name, typtype, array, row.getInt(8), row.getBoolean(9)));
        });
        return types;
    }

    private static Map<Long, Character> replicaIdentities(Connection connection, Array schemas) throws SQLException {
        Map<Long, Character> identities = new HashMap<>();
        query(connection, schemas, """
                SELECT c.oid, c.relreplident FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ANY(?) AND c.relkind IN ('r', 'p')""", row -> identities.put(row.getLong(1), row.getString(2).charAt(0)));
        return identities;
    }

    private static Map<Long, String> languages(Connection connection, Array schemas) throws SQLException {
        Map<Long, String> languages = new HashMap<>();
        query(connection, schemas, """
                SELECT p.oid, l.lanname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                JOIN pg_language l ON l.oid = p.prolang WHERE n.nspname = ANY(?)""", row -> languages.put(row.getLong(1), row.getString(2)));
        return languages;
    }

    /**
     * The owners of tables, views, sequences, functions, types and the schemas themselves; not extension members, nor
     * a schema owned by {@code pg_database_owner} (the public schema's default owner: the database's owner, everywhere).
     */
    private static List<Owned> owned(Connection connection, Array schemas) throws SQLException {
        List<Owned> owned = new ArrayList<>();
        query(connection, schemas, """
                SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view'
                            WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' ELSE 'foreign table' END,
                       n.nspname, c.relname, pg_get_userbyid(c.relowner), NULL
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ANY(?) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
                UNION ALL
                SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END, n.nspname, p.proname,
                       pg_get_userbyid(p.proowner), pg_get_function_identity_arguments(p.oid)
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = ANY(?)
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype IN ('e', 'i'))
                UNION ALL
                SELECT 'type', n.nspname, t.typname, pg_get_userbyid(t.typowner), NULL
                FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_class r ON r.oid = t.typrelid
                WHERE n.nspname = ANY(?) AND (t.typtype IN ('e', 'd', 'r') OR t.typtype = 'c' AND r.relkind = 'c')
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
                UNION ALL
                SELECT 'schema', n.nspname, '', pg_get_userbyid(n.nspowner), NULL FROM pg_namespace n
                WHERE n.nspname = ANY(?) AND pg_get_userbyid(n.nspowner) <> 'pg_database_owner'
                ORDER BY 4, 1, 2, 3""", row -> owned.add(new Owned(row.getString(1), display(row.getString(2), row.getString(3), row.getString(5)),
                row.getString(4))));
        return owned;
    }

    /**
     * Privileges granted to roles other than the owner, on relations, functions, types and schemas of the selected
     * schemas, and the schemas' default privileges. PUBLIC's EXECUTE on functions, USAGE on types and USAGE on the
     * public schema are PostgreSQL's defaults and come with the objects (or are there already).
     */
    private static List<Grant> grants(Connection connection, Array schemas) throws SQLException {
        List<Grant> grants = new ArrayList<>();
        query(connection, schemas, """
                WITH acls AS (
                    SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'table' END AS kind,
                           n.nspname AS schema, c.relname AS name, NULL AS args, c.relowner AS owner, (aclexplode(c.relacl)).*
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = ANY(?) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND c.relacl IS NOT NULL
                    UNION ALL
                    SELECT 'function', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.proowner,
                           (aclexplode(p.proacl)).*
                    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ANY(?) AND p.proacl IS NOT NULL
                    UNION ALL
                    SELECT 'type', n.nspname, t.typname, NULL, t.typowner, (aclexplode(t.typacl)).*
                    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ANY(?) AND t.typacl IS NOT NULL
                    UNION ALL
                    SELECT 'schema', n.nspname, '', NULL, n.nspowner, (aclexplode(n.nspacl)).*
                    FROM pg_namespace n WHERE n.nspname = ANY(?) AND n.nspacl IS NOT NULL
                    UNION ALL
                    SELECT 'default privileges', n.nspname, '', NULL, 0, (aclexplode(d.defaclacl)).*
                    FROM pg_default_acl d JOIN pg_namespace n ON n.oid = d.defaclnamespace WHERE n.nspname = ANY(?)
                )
                SELECT kind, schema, name, CASE WHEN grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(grantee) END, privilege_type, args
                FROM acls
                WHERE grantee <> owner
                  AND NOT (grantee = 0 AND kind = 'schema' AND schema = 'public' AND privilege_type = 'USAGE')
                  AND NOT (grantee = 0 AND (kind = 'function' AND privilege_type = 'EXECUTE' OR kind = 'type' AND privilege_type = 'USAGE'))
                ORDER BY 4, 1, 2, 3, 5""", row -> grants.add(new Grant(row.getString(1),
                display(row.getString(2), row.getString(3), row.getString(6)), row.getString(4), row.getString(5))));
        return grants;
    }

    /** Large objects belong to the database, not to a schema: every one of them is counted. */
    private static long largeObjects(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_largeobject_metadata")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<String> largeObjectOwners(Connection connection) throws SQLException {
        List<String> owners = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT DISTINCT pg_get_userbyid(lomowner) FROM pg_largeobject_metadata ORDER BY 1")) {
            while (rows.next()) {
                owners.add(rows.getString(1));
            }
        }
        return owners;
    }

    private static List<EventTrigger> eventTriggers(Connection connection) throws SQLException {
        List<EventTrigger> triggers = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
                SELECT e.evtname, e.evtevent, e.evtfoid::regproc::text, pg_get_userbyid(e.evtowner), e.evtenabled
                FROM pg_event_trigger e ORDER BY 1""")) {
            while (rows.next()) {
                triggers.add(new EventTrigger(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getString(5).charAt(0)));
            }
        }
        return triggers;
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /** Runs a query whose parameters are all the schema array. */
    private static void query(Connection connection, Array schemas, String sql, RowReader reader) throws SQLException {
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

    /** A schema-qualified name for the report; a schema alone when {@code name} is empty; a function's arguments after it. */
    private static String display(String schema, String name, String arguments) {
        String text = name.isEmpty() ? ObjectName.display(schema) : new ObjectName(schema, name).toString();
        return arguments == null ? text : text + "(" + arguments + ")";
    }
}
