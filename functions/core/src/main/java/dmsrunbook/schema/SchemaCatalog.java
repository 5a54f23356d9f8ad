package dmsrunbook.schema;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An engine-neutral inventory of the selected schemas of one database: every object with the text that must match
 * on the other side (a column's type and nullability, an index's or constraint's definition, a sequence's options).
 * Objects whose text differs between server versions for the same meaning (view and function bodies) carry an empty
 * text: for them only presence is compared.
 */
public record SchemaCatalog(Map<SchemaObject, String> definitions) {

    public SchemaCatalog {
        definitions = Map.copyOf(definitions);
    }

    public Set<SchemaObject> objects() {
        return new TreeMap<>(definitions).keySet();
    }

    public boolean contains(SchemaObject object) {
        return definitions.containsKey(object);
    }

    public String definition(SchemaObject object) {
        return definitions.get(object);
    }

    /** The same inventory with schemas renamed as {@code renames} says (source schema to target schema). */
    public SchemaCatalog renamed(Map<String, String> renames) {
        Map<SchemaObject, String> renamed = new TreeMap<>();
        definitions.forEach((object, definition) -> renamed.put(
                object.inSchema(renames.getOrDefault(object.name().schema(), object.name().schema())), definition));
        return new SchemaCatalog(renamed);
    }
}
