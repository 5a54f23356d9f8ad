package dmsrunbook.lake.state;

import dmsrunbook.lake.parquet.ColumnValues;
import dmsrunbook.lake.parquet.RowBatch;
import java.util.List;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/** The primary-key columns of a batch, by position, with the stable hash that picks a key's state bucket. */
final class KeyColumns {

    private final List<String> names;
    private final int[] positions;
    private RowBatch batch;

    KeyColumns(List<String> names, RowBatch batch) {
        this.names = names;
        this.positions = new int[names.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = batch.schema().getFieldIndex(names.get(i));
        }
        this.batch = batch;
    }

    boolean singleIntegral() {
        if (positions.length != 1) {
            return false;
        }
        PrimitiveTypeName type = batch.column(positions[0]).type();
        return type == PrimitiveTypeName.INT32 || type == PrimitiveTypeName.INT64;
    }

    int count() {
        return positions.length;
    }

    ColumnValues column(int i) {
        return batch.column(positions[i]);
    }

    /** The single integral key of {@code row}. */
    long longKey(int row) {
        ColumnValues column = batch.column(positions[0]);
        if (column.isNull(row)) {
            throw nullKey(row);
        }
        return column.type() == PrimitiveTypeName.INT32 ? column.getInt(row) : column.getLong(row);
    }

    /** The key of {@code row} as an object with value equality. */
    Object key(int row) {
        if (positions.length == 1) {
            Object value = batch.column(positions[0]).get(row);
            if (value == null) {
                throw nullKey(row);
            }
            return value;
        }
        Object[] values = new Object[positions.length];
        for (int i = 0; i < positions.length; i++) {
            values[i] = batch.column(positions[i]).get(row);
        }
        return java.util.Arrays.asList(values);
    }

    int bucket(int row, int buckets) {
        if (buckets == 1) {
            return 0;
        }
        long h = 17;
        for (int position : positions) {
            h = h * 31 + batch.column(position).stableHash(row);
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) Math.floorMod(h, (long) buckets);
    }

    private IllegalStateException nullKey(int row) {
        return new IllegalStateException("primary key " + names + " is null in row " + row
                + ": the table's configured key columns must never be null");
    }
}
