package dmsrunbook.lake.parquet;

import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A local file for parquet-java's reader that reads column chunks straight into the reader's heap buffers.
 * parquet-java's {@code LocalInputFile} reads every buffer into a new array first and copies it over: a second
 * allocation of every byte read, which on a gigabyte of input was a quarter of the compaction's garbage.
 */
public final class LocalFileInput implements InputFile {

    private final Path path;
    private long length = -1;

    public LocalFileInput(Path path) {
        this.path = path;
    }

    @Override
    public long getLength() throws IOException {
        if (length < 0) {
            length = Files.size(path);
        }
        return length;
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        RandomAccessFile file = new RandomAccessFile(path.toFile(), "r");
        return new SeekableInputStream() {
            @Override
            public int read() throws IOException {
                return file.read();
            }

            @Override
            public int read(byte[] bytes, int offset, int count) throws IOException {
                return file.read(bytes, offset, count);
            }

            @Override
            public long getPos() throws IOException {
                return file.getFilePointer();
            }

            @Override
            public void seek(long newPos) throws IOException {
                file.seek(newPos);
            }

            @Override
            public void readFully(byte[] bytes) throws IOException {
                file.readFully(bytes);
            }

            @Override
            public void readFully(byte[] bytes, int start, int count) throws IOException {
                file.readFully(bytes, start, count);
            }

            @Override
            public int read(ByteBuffer buffer) throws IOException {
                if (!buffer.hasArray()) {
                    byte[] bytes = new byte[buffer.remaining()];
                    int n = file.read(bytes);
                    if (n > 0) {
                        buffer.put(bytes, 0, n);
                    }
                    return n;
                }
                int n = file.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
                if (n > 0) {
                    buffer.position(buffer.position() + n);
                }
                return n;
            }

            @Override
            public void readFully(ByteBuffer buffer) throws IOException {
                while (buffer.hasRemaining()) {
                    if (read(buffer) < 0) {
                        throw new EOFException("reached the end of " + path + " with " + buffer.remaining() + " bytes left to read");
                    }
                }
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
