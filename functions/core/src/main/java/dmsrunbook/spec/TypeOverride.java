package dmsrunbook.spec;

import dmsrunbook.mapping.QualifiedNameText;
import dmsrunbook.mapping.TableName;
import java.util.Locale;

/**
 * A user's PostgreSQL type for MySQL columns, instead of the cast table's: for one column ({@code table} as the source
 * names it, {@code "schema.table"} with a part holding a dot in double quotes, and {@code column}) or for every column of a source type ({@code sourceType}: a
 * full column type such as {@code tinyint(1)} or {@code bigint(20) unsigned}, or a bare data type such as
 * {@code json} that matches every length). {@code type} is written as PostgreSQL spells it ({@code text},
 * {@code varchar(20)}, {@code numeric(20,0)}).
 */
public record TypeOverride(String table, String column, String sourceType, String type) {

    /** Whether this override names one column rather than a source type. */
    public boolean forColumn() {
        return table != null;
    }

    /** Whether this override applies to the column {@code sourceColumn} of {@code sourceTable} (as the source names it). */
    public boolean matchesColumn(TableName sourceTable, String sourceColumn) {
        return forColumn() && table.equals(QualifiedNameText.write(sourceTable)) && column.equalsIgnoreCase(sourceColumn);
    }

    /**
     * Whether this override applies to a column of this source type: its full column type (e.g.
     * {@code int(10) unsigned}, compared without case and with single spaces), or its bare data type when the
     * override names no length or attribute.
     */
    public boolean matchesType(String dataType, String columnType) {
        if (forColumn()) {
            return false;
        }
        String wanted = normalise(sourceType);
        return wanted.equals(normalise(columnType)) || wanted.equals(normalise(dataType));
    }

    static String normalise(String type) {
        return type.trim().replaceAll("\\s+", " ").replace(" (", "(").replace(", ", ",").toLowerCase(Locale.ROOT);
    }
}
