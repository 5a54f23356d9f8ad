package dmsrunbook.lake.parquet;

import org.apache.parquet.io.ParquetDecodingException;

/**
 * Parquet's RLE / bit-packing hybrid (definition levels, dictionary ids), decoded in bulk from a byte array:
 * runs are {@code varint header}; an even header is a repeated value ({@code header >>> 1} times, the value in
 * {@code ceil(width / 8)} little-endian bytes), an odd one {@code header >>> 1} groups of 8 values packed
 * least-significant bit first.
 */
final class RleDecoder {

    private RleDecoder() {
    }

    /**
     * Decodes {@code count} values from {@code data[at..end)} into {@code out} and returns their sum (for one-bit
     * definition levels: how many values are not null, without another pass).
     */
    static long decode(byte[] data, int at, int end, int width, int[] out, int count) {
        int produced = 0;
        long sum = 0;
        int byteWidth = (width + 7) / 8;
        while (produced < count) {
            if (at >= end) {
                throw new ParquetDecodingException("RLE/bit-packed data ended after " + produced + " of " + count + " values");
            }
            int header = 0;
            int shift = 0;
            int b;
            do {
                b = data[at++] & 0xFF;
                header |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if ((header & 1) == 0) {
                int run = header >>> 1;
                int value = 0;
                for (int i = 0; i < byteWidth; i++) {
                    value |= (data[at++] & 0xFF) << (8 * i);
                }
                int stop = Math.min(count, produced + run);
                java.util.Arrays.fill(out, produced, stop, value);
                sum += (long) value * (stop - produced);
                produced = stop;
            } else {
                int values = (header >>> 1) * 8;
                int mask = width == 32 ? -1 : (1 << width) - 1;
                long buffer = 0;
                int bits = 0;
                int stop = Math.min(count, produced + values);
                int groupEnd = at + (header >>> 1) * width;
                for (int i = 0; i < values; i++) {
                    while (bits < width) {
                        buffer |= (long) (data[at++] & 0xFF) << bits;
                        bits += 8;
                    }
                    if (produced < stop) {
                        int value = (int) (buffer & mask);
                        out[produced++] = value;
                        sum += value;
                    }
                    buffer >>>= width;
                    bits -= width;
                }
                at = groupEnd;
            }
        }
        return sum;
    }
}
