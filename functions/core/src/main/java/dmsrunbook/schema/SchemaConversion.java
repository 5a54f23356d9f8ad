package dmsrunbook.schema;

import dmsrunbook.preflight.CheckStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A source schema converted for a target of another engine: the {@link SchemaPlan} to apply (pre-data before the
 * load, post-data after, as for PostgreSQL to PostgreSQL), every source object with what it became ({@code objects},
 * in source order: schemas, tables, their columns, keys, indexes and constraints, then what needs a person), and the
 * converted CREATE TABLE of every target table ({@code tableDefinitions}), which a person (or a model asked for a
 * proposal) needs beside the source text of a view or routine.
 */
public record SchemaConversion(SchemaPlan plan, List<ObjectConversion> objects, Map<ObjectName, String> tableDefinitions) {

    public SchemaConversion {
        objects = List.copyOf(objects);
        tableDefinitions = Map.copyOf(new TreeMap<>(tableDefinitions));
    }

    /** The objects no mechanical conversion carries, with their source text and why. */
    public List<ObjectConversion> needsAPerson() {
        return objects.stream().filter(o -> o.outcome() == ObjectConversion.Outcome.NEEDS_A_PERSON).toList();
    }

    /** The objects converted with a difference a person should know, or that block the migration (WARN, FAIL). */
    public List<ObjectConversion> warnings() {
        return objects.stream().filter(o -> o.status() != CheckStatus.PASS).toList();
    }

    /** Whether nothing blocks applying the plan and loading the data (no FAIL). */
    public boolean applicable() {
        return objects.stream().noneMatch(o -> o.status() == CheckStatus.FAIL);
    }
}
