package dmsrunbook.database.postgres;

import dmsrunbook.database.postgres.PostgresCatalog.Column;
import dmsrunbook.database.postgres.PostgresCatalog.Sequence;
import dmsrunbook.database.postgres.PostgresCatalog.Table;
import dmsrunbook.schema.ObjectKind;
import dmsrunbook.schema.ObjectName;
import dmsrunbook.schema.SchemaCatalog;
import dmsrunbook.schema.SchemaObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a {@link PostgresCatalog} into the engine-neutral {@link SchemaCatalog} that verification compares. Compared
 * by text: column types with collation, nullability, default, generation and identity; constraint and index
 * definitions; sequence options; type definitions; partitioning. Compared by presence only: functions, procedures,
 * views, materialized views, triggers and rules, whose rendered text can change between server versions ({@link
 * #withBodies} compares them too, for one server with itself).
 */
public final class PostgresInventory {

    private PostgresInventory() {
    }

    /** The inventory verification compares: bodies only by presence. */
    public static SchemaCatalog of(PostgresCatalog catalog) {
        return of(catalog, false);
    }

    /**
     * The inventory with function, view, trigger and rule bodies as this server renders them: complete, for comparing
     * a database with itself over time (fingerprints) or with a server of the same major version.
     */
    public static SchemaCatalog withBodies(PostgresCatalog catalog) {
        return of(catalog, true);
    }

    private static SchemaCatalog of(PostgresCatalog catalog, boolean bodies) {
        Map<SchemaObject, String> objects = new HashMap<>();
        Set<String> schemas = catalog.schemas().stream().map(PostgresCatalog.Schema::name).collect(Collectors.toSet());
        catalog.schemas().forEach(s -> objects.put(SchemaObject.of(ObjectKind.SCHEMA, new ObjectName(s.name(), "")), ""));
        catalog.extensions().stream().filter(e -> schemas.contains(e.schema()))
                .forEach(e -> objects.put(SchemaObject.of(ObjectKind.EXTENSION, new ObjectName(e.schema(), e.name())), ""));
        catalog.collations().forEach(c -> objects.put(SchemaObject.of(ObjectKind.COLLATION, c.name()),
                (c.provider() == 'i' ? "icu " + c.locale() : "libc " + c.collate() + "/" + c.ctype()) + (c.deterministic() ? "" : " nondeterministic")));
        catalog.enums().forEach(e -> objects.put(SchemaObject.of(ObjectKind.ENUM, e.name()), String.join(", ", e.labels())));
        catalog.domains().forEach(d -> objects.put(SchemaObject.of(ObjectKind.DOMAIN, d.name()), d.baseType()
                + (d.collation() == null ? "" : " COLLATE " + d.collation()) + (d.defaultExpression() == null ? "" : " DEFAULT " + d.defaultExpression())
                + (d.notNull() ? " NOT NULL" : "") + d.checks().stream().map(c -> " " + c.name() + " " + c.definition()).collect(Collectors.joining())));
        catalog.compositeTypes().forEach(t -> objects.put(SchemaObject.of(ObjectKind.COMPOSITE_TYPE, t.name()), t.attributes().stream()
                .map(a -> a.name() + " " + a.type() + (a.collation() == null ? "" : " COLLATE " + a.collation())).collect(Collectors.joining(", "))));
        catalog.rangeTypes().forEach(r -> objects.put(SchemaObject.of(ObjectKind.RANGE_TYPE, r.name()), "range of " + r.subtype()));
        catalog.sequences().forEach(s -> objects.put(SchemaObject.of(ObjectKind.SEQUENCE, s.name()), sequence(s)));
        for (Table table : catalog.tables()) {
            objects.put(SchemaObject.of(table.isPartition() ? ObjectKind.PARTITION : ObjectKind.TABLE, table.name()), table(table));
            table.columns().forEach(c -> objects.put(SchemaObject.of(ObjectKind.COLUMN, table.name(), c.name()), column(c)));
        }
        for (PostgresCatalog.Constraint constraint : catalog.constraints()) {
            ObjectKind kind = switch (constraint.type()) {
                case 'p' -> ObjectKind.PRIMARY_KEY;
                case 'u' -> ObjectKind.UNIQUE_CONSTRAINT;
                case 'x' -> ObjectKind.EXCLUSION_CONSTRAINT;
                case 'f' -> ObjectKind.FOREIGN_KEY;
                default -> ObjectKind.CHECK_CONSTRAINT;
            };
            objects.put(SchemaObject.of(kind, constraint.table(), constraint.name()), constraint.definition());
        }
        catalog.indexes().forEach(i -> objects.put(SchemaObject.of(ObjectKind.INDEX, i.name()), i.definition()));
        catalog.functions().forEach(f -> objects.put(SchemaObject.of(f.kind() == 'p' ? ObjectKind.PROCEDURE : ObjectKind.FUNCTION,
                f.name(), f.arguments()), bodies ? f.definition() : ""));
        catalog.views().forEach(v -> objects.put(SchemaObject.of(v.materialized() ? ObjectKind.MATERIALIZED_VIEW : ObjectKind.VIEW, v.name()),
                bodies ? v.query() + " " + v.options() : ""));
        catalog.triggers().forEach(t -> objects.put(SchemaObject.of(ObjectKind.TRIGGER, t.table(), t.name()),
                bodies ? t.definition() + " enabled " + t.enabled() : ""));
        catalog.rules().forEach(r -> objects.put(SchemaObject.of(ObjectKind.RULE, r.table(), r.name()), bodies ? r.definition() : ""));
        return new SchemaCatalog(objects);
    }

    private static String sequence(Sequence s) {
        return s.dataType() + " increment " + s.increment() + " min " + s.min() + " max " + s.max() + " start " + s.start()
                + " cache " + s.cache() + (s.cycle() ? " cycle" : "") + (s.unlogged() ? " unlogged" : "");
    }

    private static String table(Table table) {
        String text = table.isPartition() ? "partition of " + table.parent() + " " + table.partitionBound() : table.unlogged() ? "unlogged" : "logged";
        return table.partitioned() ? text + ", partitioned by " + table.partitionKey() : text;
    }

    private static String column(Column c) {
        StringBuilder text = new StringBuilder(c.type());
        if (c.collation() != null) {
            text.append(" COLLATE ").append(c.collation());
        }
        if (c.notNull()) {
            text.append(" NOT NULL");
        }
        if (c.defaultExpression() != null) {
            text.append(c.generated() ? " GENERATED ALWAYS AS (" + c.defaultExpression() + ")" : " DEFAULT " + c.defaultExpression());
        }
        if (c.identity() == 'a' || c.identity() == 'd') {
            text.append(c.identity() == 'a' ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY");
        }
        return text.toString();
    }
}
