package dmsrunbook.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.mapping.QualifiedNameText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the spec's {@code conversion} block for {@link SpecReader}, recording each bad value with its fix. */
final class ConversionSpecReader {

    private static final String WORD = "[A-Za-z_][A-Za-z0-9_]*";
    /**
     * A PostgreSQL type as a user writes it: words (optionally schema-qualified), at most one {@code (n)} or
     * {@code (p,s)}, and {@code []}; nothing else, so the text can go into DDL as it is.
     */
    private static final Pattern PG_TYPE = Pattern.compile("^" + WORD + "(\\." + WORD + ")?( " + WORD + ")*"
            + "( ?\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\))?( " + WORD + ")*(\\[])?$");
    /** A MySQL column type: a data type, an optional length list, attributes such as {@code unsigned}. */
    private static final Pattern MYSQL_TYPE = Pattern.compile("^[A-Za-z]+( ?\\([0-9, ]+\\))?( [A-Za-z]+)*$");
    private static final String TYPE_FIX = "write the type as PostgreSQL spells it: words, at most one (n) or (p,s), optional [], "
            + "e.g. \"text\", \"varchar(20)\", \"numeric(20,0)\", \"timestamp(3) with time zone\"";

    private ConversionSpecReader() {
    }

    static ConversionSpec read(JsonNode root, EndpointSpec source, EndpointSpec target, SpecProblems problems) {
        Optional<JsonNode> block = problems.object(root, "conversion", "conversion", false,
                "write conversion as an object, e.g. {\"enums\": \"type\", \"typeOverrides\": []}");
        if (block.isEmpty()) {
            return ConversionSpec.defaults();
        }
        JsonNode node = block.get();
        EnumConversion enums = problems.choice(node, "enums", "conversion.enums", EnumConversion.class, ConversionSpec.DEFAULT_ENUMS);
        ConversionSpec conversion = new ConversionSpec(enums, readOverrides(node, problems));
        // The defaults are what every spec carries once read (and written back), whatever its engines.
        if (!conversion.equals(ConversionSpec.defaults()) && source != null && target != null
                && (source.engine().family() != DatabaseEngine.Family.MYSQL || target.engine().family() != DatabaseEngine.Family.POSTGRES)) {
            problems.add("conversion", "applies only to a MySQL or MariaDB source with a PostgreSQL target",
                    "remove it: a " + source.engine().value() + " source and a " + target.engine().value() + " target need no type conversion");
        }
        return conversion;
    }

    private static List<TypeOverride> readOverrides(JsonNode node, SpecProblems problems) {
        List<TypeOverride> overrides = new ArrayList<>();
        JsonNode array = node.get("typeOverrides");
        if (array == null || array.isNull()) {
            return overrides;
        }
        if (!array.isArray()) {
            problems.add("conversion.typeOverrides", "must be an array",
                    "write [{\"table\": \"shop.orders\", \"column\": \"status\", \"type\": \"text\"}, {\"sourceType\": \"tinyint(1)\", \"type\": \"smallint\"}]");
            return overrides;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "conversion.typeOverrides[" + i + "]";
            JsonNode item = array.get(i);
            if (!item.isObject()) {
                problems.add(path, "must be an object", "write {\"table\": \"schema.table\", \"column\": \"name\", \"type\": \"text\"} "
                        + "or {\"sourceType\": \"tinyint(1)\", \"type\": \"smallint\"}");
                continue;
            }
            boolean byColumn = item.has("table") || item.has("column");
            String table = null;
            String column = null;
            String sourceType = null;
            if (byColumn && item.has("sourceType")) {
                problems.add(path, "names a column and a sourceType", "split it in two: one override per column, or one per source type");
                continue;
            }
            if (byColumn) {
                table = problems.text(item, "table", path + ".table", true, null, QualifiedNameText.TABLE_FIX);
                if (table != null) {
                    QualifiedNameText.Result name = QualifiedNameText.parse(table);
                    if (name.table().isEmpty()) {
                        problems.add(path + ".table", name.problem(), name.fix());
                        table = null;
                    } else {
                        // Kept in the form TableName writes, so that it matches the catalog's table however it was quoted.
                        table = QualifiedNameText.write(name.table().get());
                    }
                }
                column = problems.text(item, "column", path + ".column", true, null, "name the source column");
            } else {
                sourceType = problems.text(item, "sourceType", path + ".sourceType", false, MYSQL_TYPE,
                        "write a MySQL column type as information_schema shows it, e.g. \"tinyint(1)\", \"bigint(20) unsigned\", \"json\"");
                if (sourceType == null && !item.has("sourceType")) {
                    problems.add(path, "names neither a column nor a source type",
                            "add \"table\" and \"column\", or \"sourceType\"");
                    continue;
                }
            }
            String type = problems.text(item, "type", path + ".type", true, null, TYPE_FIX);
            if (type != null && !PG_TYPE.matcher(type.trim()).matches()) {
                problems.add(path + ".type", "is not a PostgreSQL type name", TYPE_FIX);
                type = null;
            }
            if (type == null || (byColumn ? table == null || column == null : sourceType == null)) {
                continue;
            }
            String key = byColumn ? "column " + table + "." + column.toLowerCase(Locale.ROOT) : "type " + TypeOverride.normalise(sourceType);
            if (!seen.add(key)) {
                problems.add(path, "overrides the same " + (byColumn ? "column" : "source type") + " as an earlier override",
                        "keep one override per " + (byColumn ? "column" : "source type"));
                continue;
            }
            overrides.add(new TypeOverride(table, column, sourceType, type.trim()));
        }
        return overrides;
    }
}
