package dmsrunbook.lake.parquet;

import java.util.Arrays;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The values of one flat column for a run of rows, held in a primitive array of the column's physical type (no
 * boxing), with a null mask. DMS writes flat, optional columns, so definition level 1 means "a value", 0 "null".
 */
public final class ColumnValues {

    private final PrimitiveTypeName type;
    int size;
    boolean[] nulls;
    boolean hasNulls;
    int[] ints;
    long[] longs;
    float[] floats;
    double[] doubles;
    boolean[] booleans;
    Binary[] binaries;

    public ColumnValues(PrimitiveTypeName type, int capacity) {
        this.type = type;
        int cap = Math.max(capacity, 16);
        nulls = new boolean[cap];
        switch (type) {
            case INT32 -> ints = new int[cap];
            case INT64 -> longs = new long[cap];
            case FLOAT -> floats = new float[cap];
            case DOUBLE -> doubles = new double[cap];
            case BOOLEAN -> booleans = new boolean[cap];
            default -> binaries = new Binary[cap];
        }
    }

    public PrimitiveTypeName type() {
        return type;
    }

    public int size() {
        return size;
    }

    public boolean isNull(int row) {
        return hasNulls && nulls[row];
    }

    public int getInt(int row) {
        return ints[row];
    }

    public long getLong(int row) {
        return longs[row];
    }

    public float getFloat(int row) {
        return floats[row];
    }

    public double getDouble(int row) {
        return doubles[row];
    }

    public boolean getBoolean(int row) {
        return booleans[row];
    }

    public Binary getBinary(int row) {
        return binaries[row];
    }

    public void clear() {
        size = 0;
        if (hasNulls) {
            Arrays.fill(nulls, false);
            hasNulls = false;
        }
    }

    public void addNull() {
        ensure(size + 1);
        nulls[size++] = true;
        hasNulls = true;
    }

    public void addInt(int value) {
        ensure(size + 1);
        ints[size++] = value;
    }

    public void addLong(long value) {
        ensure(size + 1);
        longs[size++] = value;
    }

    public void addBinary(Binary value) {
        ensure(size + 1);
        binaries[size++] = value;
    }

    /** Writes rows {@code from..to-1} to a flat column's writer. */
    public void writeRange(ColumnWriter writer, int maxDefinitionLevel, int from, int to) {
        if (!hasNulls) {
            switch (type) {
                case INT32 -> {
                    for (int r = from; r < to; r++) {
                        writer.write(ints[r], 0, maxDefinitionLevel);
                    }
                }
                case INT64 -> {
                    for (int r = from; r < to; r++) {
                        writer.write(longs[r], 0, maxDefinitionLevel);
                    }
                }
                case DOUBLE -> {
                    for (int r = from; r < to; r++) {
                        writer.write(doubles[r], 0, maxDefinitionLevel);
                    }
                }
                default -> {
                    for (int r = from; r < to; r++) {
                        writeTo(writer, r, maxDefinitionLevel);
                    }
                }
            }
            return;
        }
        for (int r = from; r < to; r++) {
            writeTo(writer, r, maxDefinitionLevel);
        }
    }

    /** Writes the listed rows. */
    public void writeRows(ColumnWriter writer, int maxDefinitionLevel, int[] rows, int count) {
        for (int i = 0; i < count; i++) {
            writeTo(writer, rows[i], maxDefinitionLevel);
        }
    }

    /** Writes {@code count} nulls. */
    public static void writeNulls(ColumnWriter writer, int maxDefinitionLevel, int count) {
        for (int i = 0; i < count; i++) {
            writer.writeNull(0, maxDefinitionLevel - 1);
        }
    }

    /** Appends row {@code row} of {@code other} (same physical type). */
    public void addFrom(ColumnValues other, int row) {
        ensure(size + 1);
        if (other.isNull(row)) {
            nulls[size] = true;
            hasNulls = true;
        } else {
            switch (type) {
                case INT32 -> ints[size] = other.ints[row];
                case INT64 -> longs[size] = other.longs[row];
                case FLOAT -> floats[size] = other.floats[row];
                case DOUBLE -> doubles[size] = other.doubles[row];
                case BOOLEAN -> booleans[size] = other.booleans[row];
                default -> binaries[size] = other.binaries[row];
            }
        }
        size++;
    }

    /** Writes row {@code row} to a column writer of a flat optional column (or required when the value is set). */
    public void writeTo(ColumnWriter writer, int row, int maxDefinitionLevel) {
        if (isNull(row)) {
            writer.writeNull(0, maxDefinitionLevel - 1);
            return;
        }
        switch (type) {
            case INT32 -> writer.write(ints[row], 0, maxDefinitionLevel);
            case INT64 -> writer.write(longs[row], 0, maxDefinitionLevel);
            case FLOAT -> writer.write(floats[row], 0, maxDefinitionLevel);
            case DOUBLE -> writer.write(doubles[row], 0, maxDefinitionLevel);
            case BOOLEAN -> writer.write(booleans[row], 0, maxDefinitionLevel);
            default -> writer.write(binaries[row], 0, maxDefinitionLevel);
        }
    }

    /** A value of row {@code row} as a plain Java object of the physical type (Integer, Long, Binary...), or null. */
    public Object get(int row) {
        if (isNull(row)) {
            return null;
        }
        return switch (type) {
            case INT32 -> ints[row];
            case INT64 -> longs[row];
            case FLOAT -> floats[row];
            case DOUBLE -> doubles[row];
            case BOOLEAN -> booleans[row];
            default -> binaries[row];
        };
    }

    /** A hash of row {@code row}'s value that is the same in every JVM (keys are bucketed by it). */
    public long stableHash(int row) {
        if (isNull(row)) {
            return 0x9E3779B97F4A7C15L;
        }
        return switch (type) {
            case INT32 -> ints[row];
            case INT64 -> longs[row];
            case FLOAT -> Float.floatToIntBits(floats[row]);
            case DOUBLE -> Double.doubleToLongBits(doubles[row]);
            case BOOLEAN -> booleans[row] ? 1 : 2;
            default -> Arrays.hashCode(binaries[row].getBytesUnsafe());
        };
    }

    /** Rough heap bytes the values take, to size row groups and batches. */
    public long estimatedBytes(int row) {
        return switch (type) {
            case INT32, FLOAT -> 4;
            case INT64, DOUBLE -> 8;
            case BOOLEAN -> 1;
            default -> isNull(row) ? 0 : binaries[row].length() + 4;
        };
    }

    /** Appends rows {@code from..from+count-1} of {@code source} (same physical type) with array copies. */
    public void appendRange(ColumnValues source, int from, int count) {
        ensure(size + count);
        if (source.hasNulls) {
            System.arraycopy(source.nulls, from, nulls, size, count);
            for (int i = 0; i < count && !hasNulls; i++) {
                hasNulls = nulls[size + i];
            }
        }
        switch (type) {
            case INT32 -> System.arraycopy(source.ints, from, ints, size, count);
            case INT64 -> System.arraycopy(source.longs, from, longs, size, count);
            case FLOAT -> System.arraycopy(source.floats, from, floats, size, count);
            case DOUBLE -> System.arraycopy(source.doubles, from, doubles, size, count);
            case BOOLEAN -> System.arraycopy(source.booleans, from, booleans, size, count);
            default -> System.arraycopy(source.binaries, from, binaries, size, count);
        }
        size += count;
    }

    void ensure(int capacity) {
        if (capacity <= nulls.length) {
            return;
        }
        int cap = Math.max(capacity, nulls.length * 2);
        nulls = Arrays.copyOf(nulls, cap);
        switch (type) {
            case INT32 -> ints = Arrays.copyOf(ints, cap);
            case INT64 -> longs = Arrays.copyOf(longs, cap);
            case FLOAT -> floats = Arrays.copyOf(floats, cap);
            case DOUBLE -> doubles = Arrays.copyOf(doubles, cap);
            case BOOLEAN -> booleans = Arrays.copyOf(booleans, cap);
            default -> binaries = Arrays.copyOf(binaries, cap);
        }
    }
}
