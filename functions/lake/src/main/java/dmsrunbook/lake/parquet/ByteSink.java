package dmsrunbook.lake.parquet;

import java.util.Arrays;

/** A growable little-endian byte buffer for building Parquet pages. */
final class ByteSink {

    private byte[] bytes;
    private int size;

    ByteSink(int capacity) {
        bytes = new byte[Math.max(64, capacity)];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    void clear() {
        size = 0;
    }

    void putByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    private static final java.lang.invoke.VarHandle INTS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    void putInt(int value) {
        ensure(4);
        INTS.set(bytes, size, value);
        size += 4;
    }

    void putLong(long value) {
        ensure(8);
        LONGS.set(bytes, size, value);
        size += 8;
    }

    void putBytes(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    void putVarInt(int value) {
        while ((value & ~0x7F) != 0) {
            putByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        putByte(value);
    }

    /** Declares the first {@code newSize} bytes written (after writing straight into {@link #array()}). */
    void setSize(int newSize) {
        ensure(newSize - size);
        size = newSize;
    }

    void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
        }
    }
}
