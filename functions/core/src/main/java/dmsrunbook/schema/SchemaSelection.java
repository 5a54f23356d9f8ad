package dmsrunbook.schema;

import dmsrunbook.mapping.TableMappings;
import dmsrunbook.mapping.TableName;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The source schemas a migration selects, each with the name it has on the target (the same unless a transformation
 * rule renames it). Schema and object names are carried apart, never joined and split again.
 */
public record SchemaSelection(Map<String, String> targetSchemas) {

    public SchemaSelection {
        targetSchemas = Map.copyOf(targetSchemas);
    }

    /** The schemas under the same names on both sides. */
    public static SchemaSelection sameNames(Collection<String> schemas) {
        Map<String, String> same = new TreeMap<>();
        schemas.forEach(schema -> same.put(schema, schema));
        return new SchemaSelection(same);
    }

    /**
     * The schemas of the tables the mappings select among {@code sourceTables}, named on the target as the mappings
     * rename their tables, plus the schemas an include rule names literally (a schema of sequences or views only).
     */
    public static SchemaSelection fromMappings(TableMappings mappings, Collection<TableName> sourceTables) {
        Map<String, String> schemas = new TreeMap<>();
        for (TableName table : mappings.select(sourceTables)) {
            schemas.putIfAbsent(table.schema(), mappings.targetName(table).schema());
        }
        for (String pattern : mappings.schemaPatterns()) {
            if (!pattern.contains("%")) {
                schemas.putIfAbsent(pattern, pattern);
            }
        }
        return new SchemaSelection(schemas);
    }

    public List<String> sourceSchemas() {
        return new TreeMap<>(targetSchemas).keySet().stream().toList();
    }

    public String targetSchema(String sourceSchema) {
        return targetSchemas.getOrDefault(sourceSchema, sourceSchema);
    }

    public List<String> targetSchemaNames() {
        return sourceSchemas().stream().map(this::targetSchema).distinct().toList();
    }

    /** The schemas whose target name differs, source to target. */
    public Map<String, String> renames() {
        Map<String, String> renames = new TreeMap<>();
        targetSchemas.forEach((source, target) -> {
            if (!source.equals(target)) {
                renames.put(source, target);
            }
        });
        return renames;
    }
}
