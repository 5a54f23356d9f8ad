package dmsrunbook.lake.schema;

import dmsrunbook.lake.layout.ChangeSequence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * A source table's columns as DMS writes them (without {@code Op}), all made optional, and the three file shapes the
 * lake derives from them: changes ({@code Op}, columns, {@code dms_epoch}, {@code dms_change_seq}), current state
 * (columns, {@code dms_change_seq}) and tombstones (key columns, {@code dms_change_seq}).
 */
public final class TableSchema {

    public static final String OP = "Op";
    /** The table epoch a change belongs to: 1 from the first load, one more with each reload or truncate. */
    public static final String EPOCH = "dms_epoch";

    private final MessageType columns;

    private TableSchema(MessageType columns) {
        this.columns = columns;
    }

    /** The table's columns from a DMS file's footer: {@code Op} dropped, every column optional. */
    public static TableSchema fromDmsFile(MessageType fileSchema) {
        List<Type> fields = new ArrayList<>();
        for (Type field : fileSchema.getFields()) {
            if (field.getName().equals(OP) || field.getName().equals(EPOCH) || field.getName().equals(ChangeSequence.COLUMN)) {
                continue;
            }
            if (!field.isPrimitive()) {
                throw new IllegalArgumentException("column " + field.getName() + " is nested; DMS writes flat columns");
            }
            fields.add(optional(field.asPrimitiveType()));
        }
        return new TableSchema(new MessageType("table", fields));
    }

    public static TableSchema parse(String text) {
        return new TableSchema(MessageTypeParser.parseMessageType(text));
    }

    /** The schema as text, as stored in the manifest. */
    public String text() {
        return columns.toString();
    }

    public MessageType columns() {
        return columns;
    }

    public MessageType changes() {
        List<Type> fields = new ArrayList<>();
        fields.add(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(OP));
        fields.addAll(columns.getFields());
        // Optional: changes files written before epochs existed read it as null (epoch 1).
        fields.add(Types.optional(PrimitiveTypeName.INT32).named(EPOCH));
        // Last, where the compactor and the merger expect it.
        fields.add(sequence());
        return new MessageType("changes", fields);
    }

    public MessageType state() {
        List<Type> fields = new ArrayList<>(columns.getFields());
        fields.add(sequence());
        return new MessageType("state", fields);
    }

    public MessageType tombstones(List<String> keyColumns) {
        List<Type> fields = new ArrayList<>();
        for (String key : keyColumns) {
            fields.add(columns.getType(key));
        }
        fields.add(sequence());
        return new MessageType("tombstones", fields);
    }

    /**
     * What {@code incoming} (another file's columns) means for this table: same, new columns (appended), or
     * incompatible (a column's type changed, or a column was renamed). A column the file lacks is read as null: files
     * written before a column was added can arrive after it, and a dropped source column simply stays null from then
     * on. But a column that is gone while a new one of its type stands in its place (between the same neighbours)
     * is a rename: taken as a new column, its values would silently start over under another name.
     */
    public SchemaComparison compare(TableSchema incoming) {
        List<String> problems = new ArrayList<>(renames(incoming));
        List<Type> added = new ArrayList<>();
        for (Type field : columns.getFields()) {
            if (!incoming.columns.containsField(field.getName())) {
                continue;
            } else if (!sameType(field.asPrimitiveType(), incoming.columns.getType(field.getName()).asPrimitiveType())) {
                problems.add("column " + field.getName() + " changed from " + describe(field.asPrimitiveType()) + " to "
                        + describe(incoming.columns.getType(field.getName()).asPrimitiveType()));
            }
        }
        for (Type field : incoming.columns.getFields()) {
            if (!columns.containsField(field.getName())) {
                added.add(field);
            }
        }
        if (!problems.isEmpty()) {
            return new SchemaComparison(SchemaComparison.Verdict.INCOMPATIBLE, this, problems);
        }
        if (added.isEmpty()) {
            return new SchemaComparison(SchemaComparison.Verdict.SAME, this, List.of());
        }
        List<Type> fields = new ArrayList<>(columns.getFields());
        fields.addAll(added);
        return new SchemaComparison(SchemaComparison.Verdict.COLUMNS_ADDED, new TableSchema(new MessageType("table", fields)),
                added.stream().map(t -> "column " + t.getName() + " added").toList());
    }

    /**
     * Columns of this table {@code incoming} lacks whose place a new column of the same type takes: DMS writes a
     * table's columns in the source's order, and a renamed column keeps its place while a dropped one leaves it and an
     * added one is appended. (A last column dropped and one of its type added in the same step looks the same.)
     */
    private List<String> renames(TableSchema incoming) {
        List<Type> known = columns.getFields();
        List<Type> fields = incoming.columns.getFields();
        List<String> renames = new ArrayList<>();
        Set<String> paired = new HashSet<>();
        for (int k = 0; k < fields.size(); k++) {
            Type added = fields.get(k);
            if (columns.containsField(added.getName())) {
                continue;
            }
            int before = -1;
            for (int j = k - 1; j >= 0 && before < 0; j--) {
                before = columns.containsField(fields.get(j).getName()) ? columns.getFieldIndex(fields.get(j).getName()) : -1;
            }
            int after = known.size();
            for (int j = k + 1; j < fields.size() && after == known.size(); j++) {
                after = columns.containsField(fields.get(j).getName()) ? columns.getFieldIndex(fields.get(j).getName()) : known.size();
            }
            for (int i = before + 1; i < after; i++) {
                Type gone = known.get(i);
                if (!incoming.columns.containsField(gone.getName()) && !paired.contains(gone.getName())
                        && sameType(gone.asPrimitiveType(), added.asPrimitiveType())) {
                    paired.add(gone.getName());
                    renames.add("column " + gone.getName() + " seems renamed to " + added.getName() + " (" + added.getName()
                            + " has its type and its place, and " + gone.getName() + " is gone)");
                    break;
                }
            }
        }
        return renames;
    }

    public static String describe(PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        return type.getPrimitiveTypeName() + (logical == null ? "" : " " + logical);
    }

    private static boolean sameType(PrimitiveType a, PrimitiveType b) {
        return a.getPrimitiveTypeName() == b.getPrimitiveTypeName()
                && Objects.equals(a.getLogicalTypeAnnotation(), b.getLogicalTypeAnnotation())
                && a.getTypeLength() == b.getTypeLength();
    }

    private static PrimitiveType optional(PrimitiveType field) {
        Types.PrimitiveBuilder<PrimitiveType> builder = Types.primitive(field.getPrimitiveTypeName(), Type.Repetition.OPTIONAL);
        if (field.getPrimitiveTypeName() == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
            builder = builder.length(field.getTypeLength());
        }
        return builder.as(field.getLogicalTypeAnnotation()).named(field.getName());
    }

    private static Type sequence() {
        return Types.required(PrimitiveTypeName.INT64).named(ChangeSequence.COLUMN);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TableSchema that && columns.equals(that.columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
