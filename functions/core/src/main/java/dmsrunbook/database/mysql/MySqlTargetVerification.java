package dmsrunbook.database.mysql;

import static dmsrunbook.database.postgres.PostgresQuoting.identifier;
import static dmsrunbook.database.postgres.PostgresQuoting.qualified;

import dmsrunbook.database.postgres.PostgresCatalogReader;
import dmsrunbook.database.postgres.PostgresInventory;
import dmsrunbook.schema.ObjectConversion;
import dmsrunbook.schema.ObjectKind;
import dmsrunbook.schema.ObjectName;
import dmsrunbook.schema.SchemaCatalog;
import dmsrunbook.schema.SchemaConversion;
import dmsrunbook.schema.SchemaObject;
import dmsrunbook.schema.SchemaSection;
import dmsrunbook.schema.SchemaStatement;
import dmsrunbook.schema.SchemaVerification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares a PostgreSQL target's catalog with what a MySQL conversion expects there. Every object the plan creates up
 * to a section (schemas, enum types, tables, primary keys; after the load also indexes, checks, foreign keys, the ON
 * UPDATE triggers and their function) must be present by name; every converted column must have the converted type,
 * collation, default, NOT NULL and identity. Those are compared as the target server renders them: the plan's own
 * column definitions are created as temporary tables on the target connection (private to its session and dropped
 * again; nothing else is written), so {@code varchar(20)} and {@code character varying(20)}, or {@code now()} and its rendering,
 * compare equal. Objects only on the target do not fail the comparison.
 */
final class MySqlTargetVerification {

    private static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS ";

    private MySqlTargetVerification() {
    }

    static SchemaVerification verify(Connection target, SchemaConversion conversion, SchemaSection upTo) throws SQLException {
        Map<SchemaObject, String> expected = new HashMap<>();
        List<SchemaObject> created = new ArrayList<>(conversion.plan().created(SchemaSection.PRE_DATA));
        if (upTo == SchemaSection.POST_DATA) {
            created.addAll(conversion.plan().created(SchemaSection.POST_DATA));
        }
        created.stream().filter(o -> o.kind() != ObjectKind.COLUMN).forEach(o -> expected.put(o, ""));
        TreeSet<String> schemas = new TreeSet<>();
        created.forEach(o -> schemas.add(o.name().schema()));
        expected.putAll(expectedColumns(target, conversion));
        Map<SchemaObject, String> actual = new HashMap<>();
        PostgresInventory.of(PostgresCatalogReader.read(target, List.copyOf(schemas))).definitions()
                .forEach((object, definition) -> actual.put(object, object.kind() == ObjectKind.COLUMN ? definition : ""));
        return SchemaVerification.between(new SchemaCatalog(expected), new SchemaCatalog(actual));
    }

    /**
     * Every converted column with its definition as the target renders it: each planned CREATE TABLE is run as a
     * temporary table (private to this session, dropped before it returns and with the connection anyway), then the
     * temporary schema is read as the target's is. When the target cannot create a table's definition (an enum type
     * missing), its columns are added one by one, and each column it refuses keeps the conversion's own text, so it
     * shows as different, with the error.
     */
    private static Map<SchemaObject, String> expectedColumns(Connection target, SchemaConversion conversion) throws SQLException {
        Map<SchemaObject, String> columns = new HashMap<>();
        Map<String, ObjectName> temporary = new HashMap<>();
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(true);
        try {
            for (SchemaStatement statement : conversion.plan().preData()) {
                ObjectName table = statement.object().name();
                String prefix = CREATE_TABLE + qualified(table);
                if (statement.object().kind() != ObjectKind.TABLE || statement.action() != SchemaStatement.Action.CREATE
                        || !statement.sql().startsWith(prefix)) {
                    continue;
                }
                String name = "dmsrunbook_expected_" + temporary.size();
                try (Statement create = target.createStatement()) {
                    create.execute("CREATE TEMPORARY TABLE " + identifier(name) + statement.sql().substring(prefix.length()));
                    temporary.put(name, table);
                } catch (SQLException e) {
                    // Column by column, so only the columns the target cannot create (an enum type missing) are named for it.
                    try (Statement create = target.createStatement()) {
                        create.execute("CREATE TEMPORARY TABLE " + identifier(name) + " ()");
                    }
                    temporary.put(name, table);
                    for (ObjectConversion column : conversion.objects()) {
                        if (column.target() == null || column.target().kind() != ObjectKind.COLUMN || !column.target().name().equals(table)
                                || column.outcome() != ObjectConversion.Outcome.CONVERTED) {
                            continue;
                        }
                        try (Statement add = target.createStatement()) {
                            add.execute("ALTER TABLE pg_temp." + identifier(name) + " ADD COLUMN " + identifier(column.target().member()) + " "
                                    + column.targetText());
                        } catch (SQLException refused) {
                            columns.put(column.target(), column.targetText() + " (the target cannot create it: " + firstLine(refused) + ")");
                        }
                    }
                }
            }
            if (temporary.isEmpty()) {
                return columns;
            }
            String tempSchema;
            try (Statement query = target.createStatement(); ResultSet row = query.executeQuery("SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema()")) {
                row.next();
                tempSchema = row.getString(1);
            }
            SchemaCatalog rendered = PostgresInventory.of(PostgresCatalogReader.read(target, List.of(tempSchema)));
            for (SchemaObject object : rendered.objects()) {
                ObjectName table = temporary.get(object.name().name());
                if (object.kind() == ObjectKind.COLUMN && table != null
                        && !columns.containsKey(SchemaObject.of(ObjectKind.COLUMN, table, object.member()))) {
                    columns.put(SchemaObject.of(ObjectKind.COLUMN, table, object.member()), rendered.definition(object));
                }
            }
            return columns;
        } finally {
            for (String name : temporary.keySet()) {
                try (Statement drop = target.createStatement()) {
                    drop.execute("DROP TABLE IF EXISTS pg_temp." + identifier(name));
                }
            }
            target.setAutoCommit(autoCommit);
        }
    }

    private static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
