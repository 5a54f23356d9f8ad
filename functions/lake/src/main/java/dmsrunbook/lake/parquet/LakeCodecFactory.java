package dmsrunbook.lake.parquet;

import com.github.luben.zstd.Zstd;
import dmsrunbook.error.TerminalException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Compresses and decompresses Parquet pages without Hadoop: snappy-java, zstd-jni and the JDK's gzip. The stock
 * {@code CodecFactory} loads Hadoop codec classes, which the lake jar does not ship. DMS writes UNCOMPRESSED (its
 * default) or GZIP; the lake writes SNAPPY or ZSTD.
 */
public final class LakeCodecFactory implements CompressionCodecFactory {

    public static final LakeCodecFactory INSTANCE = new LakeCodecFactory();
    private static final ThreadLocal<byte[]> SNAPPY_OUT = ThreadLocal.withInitial(() -> new byte[1 << 16]);

    private LakeCodecFactory() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new Compressor(supported(codec));
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new Decompressor(supported(codec));
    }

    @Override
    public void release() {
        // Nothing pooled.
    }

    private static CompressionCodecName supported(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED, SNAPPY, GZIP, ZSTD -> codec;
            default -> throw new UnsupportedCodecException(codec);
        };
    }

    /** Thrown for a Parquet codec the lake cannot read or write (DMS never writes one). */
    public static final class UnsupportedCodecException extends TerminalException {
        UnsupportedCodecException(CompressionCodecName codec) {
            super("Parquet compression " + codec + " is not supported",
                    "Use UNCOMPRESSED, SNAPPY, GZIP or ZSTD (LAKE_COMPRESSION for the lake's own files).");
        }
    }

    private record Compressor(CompressionCodecName codec) implements BytesInputCompressor {

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            if (codec == CompressionCodecName.SNAPPY) {
                // Straight from the page's array (no copy of the uncompressed page), into an exact-size result.
                ByteBuffer input = bytes.toByteBuffer();
                byte[] array;
                int offset;
                if (input.hasArray()) {
                    array = input.array();
                    offset = input.arrayOffset() + input.position();
                } else {
                    array = bytes.toByteArray();
                    offset = 0;
                }
                int length = input.remaining();
                byte[] out = SNAPPY_OUT.get();
                int max = Snappy.maxCompressedLength(length);
                if (out.length < max) {
                    out = new byte[max];
                    SNAPPY_OUT.set(out);
                }
                int n = Snappy.compress(array, offset, length, out, 0);
                // A view of this thread's buffer, as parquet-java's own compressors return: the page store copies
                // the compressed page before it compresses the next one.
                return BytesInput.from(out, 0, n);
            }
            byte[] input = bytes.toByteArray();
            return BytesInput.from(switch (codec) {
                case UNCOMPRESSED -> input;
                case ZSTD -> Zstd.compress(input, 3);
                case GZIP -> gzip(input);
                default -> throw new UnsupportedCodecException(codec);
            });
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
        }

        private static byte[] gzip(byte[] input) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 2 + 64);
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(input);
            }
            return out.toByteArray();
        }
    }

    private record Decompressor(CompressionCodecName codec) implements BytesInputDecompressor {

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                // DMS's default: the page is already what the decoder reads; copying it would only feed the GC.
                return bytes;
            }
            if (codec == CompressionCodecName.SNAPPY) {
                ByteBuffer input = bytes.toByteBuffer();
                if (input.hasArray()) {
                    byte[] out = new byte[uncompressedSize];
                    int n = Snappy.uncompress(input.array(), input.arrayOffset() + input.position(), input.remaining(), out, 0);
                    if (n != uncompressedSize) {
                        throw new IOException("snappy page decompressed to " + n + " bytes, expected " + uncompressedSize);
                    }
                    return BytesInput.from(out);
                }
            }
            return BytesInput.from(decompress(bytes.toByteArray(), uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) throws IOException {
            byte[] compressed = new byte[compressedSize];
            input.get(compressed);
            output.put(decompress(compressed, uncompressedSize));
        }

        @Override
        public void release() {
        }

        private byte[] decompress(byte[] input, int uncompressedSize) throws IOException {
            return switch (codec) {
                case UNCOMPRESSED -> input;
                case SNAPPY -> {
                    byte[] out = new byte[uncompressedSize];
                    int n = Snappy.uncompress(input, 0, input.length, out, 0);
                    if (n != uncompressedSize) {
                        throw new IOException("snappy page decompressed to " + n + " bytes, expected " + uncompressedSize);
                    }
                    yield out;
                }
                case ZSTD -> {
                    byte[] out = new byte[uncompressedSize];
                    long n = Zstd.decompress(out, input);
                    if (Zstd.isError(n) || n != uncompressedSize) {
                        throw new IOException("zstd page is corrupt: " + (Zstd.isError(n) ? Zstd.getErrorName(n) : n + " bytes"));
                    }
                    yield out;
                }
                case GZIP -> gunzip(input, uncompressedSize);
                default -> throw new UnsupportedCodecException(codec);
            };
        }

        private static byte[] gunzip(byte[] input, int uncompressedSize) throws IOException {
            try (GZIPInputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(input))) {
                byte[] out = gzip.readNBytes(uncompressedSize);
                if (out.length != uncompressedSize) {
                    throw new IOException("gzip page decompressed to " + out.length + " bytes, expected " + uncompressedSize);
                }
                return out;
            } catch (java.util.zip.ZipException e) {
                throw new IOException("gzip page is corrupt: " + e.getMessage(), e);
            }
        }
    }

}
