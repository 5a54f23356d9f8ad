package dmsrunbook.spec;

import dmsrunbook.mapping.TableName;
import java.util.List;
import java.util.Optional;

/**
 * How a MySQL or MariaDB schema is converted for a PostgreSQL target (the spec's {@code conversion} block): what an
 * {@code enum} column becomes ({@code enums}), and the user's own types for some columns ({@code typeOverrides}),
 * which win over the cast table: an override for one column before one for its source type.
 */
public record ConversionSpec(EnumConversion enums, List<TypeOverride> typeOverrides) {

    public static final EnumConversion DEFAULT_ENUMS = EnumConversion.TYPE;

    public ConversionSpec {
        typeOverrides = List.copyOf(typeOverrides);
    }

    /** What a spec without a {@code conversion} block gets: enum types, the cast table for every column. */
    public static ConversionSpec defaults() {
        return new ConversionSpec(DEFAULT_ENUMS, List.of());
    }

    /**
     * The override for one source column, if any: one naming the column, else one naming its type.
     *
     * @param sourceTable the table as the source names it
     */
    public Optional<TypeOverride> overrideFor(TableName sourceTable, String column, String dataType, String columnType) {
        return typeOverrides.stream().filter(o -> o.matchesColumn(sourceTable, column)).findFirst()
                .or(() -> typeOverrides.stream().filter(o -> o.matchesType(dataType, columnType)).findFirst());
    }
}
