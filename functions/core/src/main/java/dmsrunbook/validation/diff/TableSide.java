package dmsrunbook.validation.diff;

import dmsrunbook.mapping.TableName;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan of a comparison as one side runs it: the table's name there, its key columns (empty: no usable key) and the
 * other compared columns in the same order on both sides, whether rows are hashed natively (same engine) or in the
 * canonical text form, whether text is UTF-8 already, and the float tolerance.
 */
public record TableSide(TableName table, List<SideColumn> key, List<SideColumn> columns, boolean nativeHashing,
                        boolean utf8, double floatTolerance) {

    public TableSide {
        key = List.copyOf(key);
        columns = List.copyOf(columns);
    }

    public boolean keyed() {
        return !key.isEmpty();
    }

    /** Key and other columns, in the order rows are hashed and fetched. */
    public List<SideColumn> all() {
        List<SideColumn> all = new ArrayList<>(key);
        all.addAll(columns);
        return all;
    }

    /** The columns the checksum covers. */
    public List<SideColumn> hashed() {
        return all().stream().filter(c -> c.hash() != HashForm.JAVA).toList();
    }

    /** The columns compared in Java on a streaming pass instead of in the checksum. */
    public List<SideColumn> javaCompared() {
        return columns.stream().filter(c -> c.hash() == HashForm.JAVA).toList();
    }
}
