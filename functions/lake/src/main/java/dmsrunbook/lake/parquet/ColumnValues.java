package dmsrunbook.lake.parquet;

import java.util.Arrays;
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
    // Byte-array values are (array, offset, length) triples pointing into page or dictionary bytes: no object per
    // value, a Binary is made only when a value is written or asked for.
    byte[][] bytes;
    int[] offsets;
    int[] lengths;

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
            default -> {
                bytes = new byte[cap][];
                offsets = new int[cap];
                lengths = new int[cap];
            }
        }
    }

    public PrimitiveTypeName type() {
        return type;
    }

    public int size() {
        return size;
    }

    /** The INT64 values' backing array, valid up to {@link #size()}: for tight loops over a column. */
    public long[] longArray() {
        return longs;
    }

    /** Whether any of the values is null. */
    public boolean hasNulls() {
        return hasNulls;
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

    /** The first byte of a byte-array value (-1 when it is empty): reads a one-letter code without making a Binary. */
    public int firstByte(int row) {
        return lengths[row] == 0 ? -1 : bytes[row][offsets[row]];
    }

    public Binary getBinary(int row) {
        return Binary.fromConstantByteArray(bytes[row], offsets[row], lengths[row]);
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
        setBinary(size++, value);
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
            default -> getBinary(row);
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
            default -> hashBytes(bytes[row], offsets[row], lengths[row]);
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
            default -> {
                System.arraycopy(source.bytes, from, bytes, size, count);
                System.arraycopy(source.offsets, from, offsets, size, count);
                System.arraycopy(source.lengths, from, lengths, size, count);
            }
        }
        size += count;
    }

    /** Appends rows {@code rows[0..count)} of {@code source} (same physical type), one typed loop. */
    public void appendRows(ColumnValues source, int[] rows, int count) {
        ensure(size + count);
        if (source.hasNulls) {
            for (int i = 0; i < count; i++) {
                boolean isNull = source.nulls[rows[i]];
                nulls[size + i] = isNull;
                hasNulls |= isNull;
            }
        }
        switch (type) {
            case INT32 -> {
                for (int i = 0; i < count; i++) {
                    ints[size + i] = source.ints[rows[i]];
                }
            }
            case INT64 -> {
                for (int i = 0; i < count; i++) {
                    longs[size + i] = source.longs[rows[i]];
                }
            }
            case FLOAT -> {
                for (int i = 0; i < count; i++) {
                    floats[size + i] = source.floats[rows[i]];
                }
            }
            case DOUBLE -> {
                for (int i = 0; i < count; i++) {
                    doubles[size + i] = source.doubles[rows[i]];
                }
            }
            case BOOLEAN -> {
                for (int i = 0; i < count; i++) {
                    booleans[size + i] = source.booleans[rows[i]];
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    int row = rows[i];
                    bytes[size + i] = source.bytes[row];
                    offsets[size + i] = source.offsets[row];
                    lengths[size + i] = source.lengths[row];
                }
            }
        }
        size += count;
    }

    /** Stores {@code value} at {@code row} as a triple (copying only when its bytes are not in a reachable array). */
    void setBinary(int row, Binary value) {
        java.nio.ByteBuffer buffer = value.toByteBuffer();
        if (buffer.hasArray() && !value.isBackingBytesReused()) {
            bytes[row] = buffer.array();
            offsets[row] = buffer.arrayOffset() + buffer.position();
            lengths[row] = buffer.remaining();
        } else {
            byte[] copy = value.getBytes();
            bytes[row] = copy;
            offsets[row] = 0;
            lengths[row] = copy.length;
        }
    }

    void setBinary(int row, byte[] array, int offset, int length) {
        bytes[row] = array;
        offsets[row] = offset;
        lengths[row] = length;
    }

    void copyBinary(int row, ColumnValues from, int fromRow) {
        bytes[row] = from.bytes[fromRow];
        offsets[row] = from.offsets[fromRow];
        lengths[row] = from.lengths[fromRow];
    }

    /** The same value as {@code Arrays.hashCode} of the value's bytes. */
    private static long hashBytes(byte[] array, int offset, int length) {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + array[i];
        }
        return h;
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
            default -> {
                bytes = Arrays.copyOf(bytes, cap);
                offsets = Arrays.copyOf(offsets, cap);
                lengths = Arrays.copyOf(lengths, cap);
            }
        }
    }
}
