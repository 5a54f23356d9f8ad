package dmsrunbook.validation.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What is compared and how, decided once from both catalogs: columns matched by name (exactly, else ignoring case, as
 * DMS may fold names between engines), each with its {@link ValueKind}; the source's key when the target has its
 * columns too and every one can order a range; and per column, the native hash (same engine, same declared type), the
 * canonical text hash, or a comparison in Java. Source columns the target lacks make the table differ; target columns
 * the source lacks are noted and not compared.
 */
public record TablePlan(TableSide source, TableSide target, List<String> keyColumns, List<String> columns,
                        List<String> missingOnTarget, List<String> notes) {

    public static TablePlan of(TableDescription source, TableDescription target, double floatTolerance) {
        boolean nativeHashing = source.rowHashing() && target.rowHashing();
        List<String> notes = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<SideColumn[]> pairs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (DeclaredColumn column : source.columns()) {
            Optional<DeclaredColumn> match = match(column.name(), target.columns());
            if (match.isEmpty()) {
                missing.add(column.name());
                continue;
            }
            ColumnKinds.Resolved kind = ColumnKinds.resolve(column.type(), match.get().type());
            HashForm hash = hashForm(column.type(), match.get().type(), kind.kind(), nativeHashing);
            pairs.add(new SideColumn[] {
                    new SideColumn(column.name(), column.type(), kind.kind(), kind.scale(), kind.single(), hash),
                    new SideColumn(match.get().name(), match.get().type(), kind.kind(), kind.scale(), kind.single(), hash)});
            names.add(column.name());
        }
        if (!missing.isEmpty()) {
            notes.add("columns missing on the target: " + String.join(", ", missing));
        }
        List<String> extra = target.columns().stream().map(DeclaredColumn::name)
                .filter(name -> match(name, source.columns()).isEmpty()).toList();
        if (!extra.isEmpty()) {
            notes.add("target columns not on the source, not compared: " + String.join(", ", extra));
        }
        List<String> key = usableKey(source, names, pairs, notes);
        List<SideColumn> sourceKey = new ArrayList<>();
        List<SideColumn> targetKey = new ArrayList<>();
        List<SideColumn> sourceColumns = new ArrayList<>();
        List<SideColumn> targetColumns = new ArrayList<>();
        for (String name : key) {
            SideColumn[] pair = pairs.get(names.indexOf(name));
            sourceKey.add(pair[0]);
            targetKey.add(pair[1]);
        }
        for (int i = 0; i < names.size(); i++) {
            if (!key.contains(names.get(i))) {
                sourceColumns.add(pairs.get(i)[0]);
                targetColumns.add(pairs.get(i)[1]);
            }
        }
        if (!nativeHashing && pairs.stream().anyMatch(p -> p[0].hash() == HashForm.JAVA)) {
            notes.add(key.isEmpty() ? "JSON columns are not compared: without a key they cannot be paired row by row"
                    : "JSON columns are compared in Java on a streaming pass (no canonical JSON text in SQL on both engines)");
        }
        List<String> compared = names.stream().filter(n -> !key.contains(n)).toList();
        return new TablePlan(
                new TableSide(source.table(), sourceKey, sourceColumns, nativeHashing, source.utf8(), floatTolerance),
                new TableSide(target.table(), targetKey, targetColumns, nativeHashing, target.utf8(), floatTolerance),
                key, compared, missing, notes);
    }

    public boolean keyed() {
        return !keyColumns.isEmpty();
    }

    /** The key's kinds, for ordering keys in Java as the databases order them. */
    public KeyOrder keyOrder() {
        return new KeyOrder(source.key().stream().map(SideColumn::kind).toList());
    }

    private static List<String> usableKey(TableDescription source, List<String> names, List<SideColumn[]> pairs, List<String> notes) {
        if (source.keyColumns().isEmpty()) {
            notes.add("no primary key or unique NOT NULL key: compared by count and whole-table checksum only (weaker evidence: "
                    + "differences cannot be located, and a row and its duplicate can hide each other's changes)");
            return List.of();
        }
        for (String column : source.keyColumns()) {
            int index = names.indexOf(column);
            if (index < 0) {
                notes.add("key column " + column + " is missing on the target: compared by count and whole-table checksum only");
                return List.of();
            }
            if (!pairs.get(index)[0].kind().keyable()) {
                notes.add("key column " + column + " (" + pairs.get(index)[0].type().declared() + " vs " + pairs.get(index)[1].type().declared()
                        + ") cannot order key ranges on both engines: compared by count and whole-table checksum only");
                return List.of();
            }
        }
        return source.keyColumns();
    }

    private static HashForm hashForm(ColumnType source, ColumnType target, ValueKind kind, boolean nativeHashing) {
        if (!nativeHashing) {
            return kind == ValueKind.JSON ? HashForm.JAVA : HashForm.CANONICAL;
        }
        if (kind == ValueKind.JSON) {
            return HashForm.NATIVE;
        }
        boolean sameType = source.declared().equalsIgnoreCase(target.declared());
        return sameType && source.hashable() && target.hashable() ? HashForm.NATIVE : HashForm.CANONICAL;
    }

    private static Optional<DeclaredColumn> match(String name, List<DeclaredColumn> columns) {
        Optional<DeclaredColumn> exact = columns.stream().filter(c -> c.name().equals(name)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        List<DeclaredColumn> folded = columns.stream().filter(c -> c.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))).toList();
        return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
    }
}
