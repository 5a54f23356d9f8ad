package dmsrunbook.database.mysql;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.mysql.MySqlCatalog.Column;
import dmsrunbook.database.mysql.MySqlCatalog.Table;
import dmsrunbook.error.Failures;
import dmsrunbook.schema.ObjectKind;
import dmsrunbook.schema.ObjectName;
import dmsrunbook.schema.SchemaCatalog;
import dmsrunbook.schema.SchemaFingerprint;
import dmsrunbook.schema.SchemaObject;
import dmsrunbook.schema.SourceSchemaFingerprints;
import dmsrunbook.spec.MigrationSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fingerprints of a MySQL or MariaDB source's selected databases, from information_schema ({@link MySqlCatalogReader}):
 * tables, columns (type, NULL-ness, default, extra, collation), indexes, foreign keys, checks, and the full text of
 * views, routines, triggers and events. A table's AUTO_INCREMENT counter is left out: inserts move it, DDL does not.
 */
public final class MySqlSchemaFingerprints implements SourceSchemaFingerprints {

    private final DatabaseConnector connector;

    public MySqlSchemaFingerprints(DatabaseConnector connector) {
        this.connector = connector;
    }

    @Override
    public SchemaFingerprint take(MigrationSpec spec) {
        try (Connection source = connector.connect(spec.source())) {
            return of(MySqlTargetSchema.catalog(source, spec.mappings()));
        } catch (SQLException e) {
            throw Failures.ofSql("Reading the schema", spec.source().describe(), e);
        }
    }

    /** The fingerprint of a catalog read now. */
    public static SchemaFingerprint of(MySqlCatalog catalog) {
        return SchemaFingerprint.of(inventory(catalog), Instant.now());
    }

    /** Every object of the catalog with its full definition as this server shows it. */
    static SchemaCatalog inventory(MySqlCatalog catalog) {
        Map<SchemaObject, String> objects = new HashMap<>();
        catalog.schemas().forEach(s -> objects.put(SchemaObject.of(ObjectKind.SCHEMA, new ObjectName(s.name(), "")), s.charset() + " " + s.collation()));
        for (Table table : catalog.tables()) {
            ObjectName name = new ObjectName(table.schema(), table.name());
            objects.put(SchemaObject.of(ObjectKind.TABLE, name), table.kind() + " " + table.engine() + " " + table.collation() + " "
                    + table.createOptions() + " " + table.comment());
            for (Column c : table.columns()) {
                objects.put(SchemaObject.of(ObjectKind.COLUMN, name, c.name()), c.columnType() + (c.nullable() ? " NULL" : " NOT NULL")
                        + " DEFAULT " + c.defaultValue() + " " + c.extra() + " " + c.collation() + " " + c.generationExpression() + " " + c.comment());
            }
            table.indexes().forEach(i -> objects.put(SchemaObject.of(ObjectKind.INDEX, name, i.name()), (i.unique() ? "UNIQUE " : "") + i.type() + " "
                    + i.parts().stream().map(p -> p.column() + "(" + p.subPart() + ")" + p.expression() + (p.descending() ? " DESC" : ""))
                    .collect(Collectors.joining(", "))));
            table.foreignKeys().forEach(k -> objects.put(SchemaObject.of(ObjectKind.FOREIGN_KEY, name, k.name()), k.columns() + " -> "
                    + k.referencedSchema() + "." + k.referencedTable() + k.referencedColumns() + " ON UPDATE " + k.updateRule() + " ON DELETE " + k.deleteRule()));
            table.checks().forEach(c -> objects.put(SchemaObject.of(ObjectKind.CHECK_CONSTRAINT, name, c.name()), c.clause()));
        }
        catalog.views().forEach(v -> objects.put(SchemaObject.of(ObjectKind.VIEW, new ObjectName(v.schema(), v.name())), v.definition()));
        catalog.routines().forEach(r -> objects.put(SchemaObject.of("PROCEDURE".equals(r.type()) ? ObjectKind.PROCEDURE : ObjectKind.FUNCTION,
                new ObjectName(r.schema(), r.name()), ""), r.definition()));
        catalog.triggers().forEach(t -> objects.put(SchemaObject.of(ObjectKind.TRIGGER, new ObjectName(t.schema(), t.table()), t.name()),
                t.timing() + " " + t.event() + " " + t.definition()));
        catalog.events().forEach(e -> objects.put(SchemaObject.of(ObjectKind.EVENT, new ObjectName(e.schema(), e.name())), e.definition()));
        return new SchemaCatalog(objects);
    }
}
