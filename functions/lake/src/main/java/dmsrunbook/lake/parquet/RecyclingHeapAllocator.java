package dmsrunbook.lake.parquet;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.bytes.ByteBufferAllocator;

/**
 * Heap buffers for parquet-java's reader and page store, handed out again once released: a compaction reads and
 * writes every byte of its input through buffers of a few sizes, and allocating (and zeroing, and collecting) them
 * anew for each row group cost more than copying the data. Buffers come in power-of-two capacities, limited to the
 * size asked for; at most {@link #MAX_POOLED_BYTES} wait for reuse. Buffers never released are simply collected.
 */
public final class RecyclingHeapAllocator implements ByteBufferAllocator {

    public static final RecyclingHeapAllocator INSTANCE = new RecyclingHeapAllocator();

    private static final long MAX_POOLED_BYTES = 64L << 20;
    private static final int MIN_CLASS = 12;
    private static final int MAX_CLASS = 27;

    @SuppressWarnings("unchecked")
    private final ConcurrentLinkedQueue<ByteBuffer>[] free = new ConcurrentLinkedQueue[MAX_CLASS + 1];
    private final AtomicLong pooledBytes = new AtomicLong();

    private RecyclingHeapAllocator() {
        for (int c = MIN_CLASS; c <= MAX_CLASS; c++) {
            free[c] = new ConcurrentLinkedQueue<>();
        }
    }

    @Override
    public ByteBuffer allocate(int size) {
        int sizeClass = sizeClass(size);
        if (sizeClass > MAX_CLASS) {
            return ByteBuffer.allocate(size);
        }
        ByteBuffer buffer = free[sizeClass].poll();
        if (buffer == null) {
            buffer = ByteBuffer.allocate(1 << sizeClass);
        } else {
            pooledBytes.addAndGet(-buffer.capacity());
        }
        buffer.clear().limit(size);
        return buffer;
    }

    @Override
    public void release(ByteBuffer buffer) {
        int capacity = buffer.capacity();
        if (buffer.isDirect() || Integer.bitCount(capacity) != 1) {
            return;
        }
        int sizeClass = Integer.numberOfTrailingZeros(capacity);
        if (sizeClass < MIN_CLASS || sizeClass > MAX_CLASS || pooledBytes.addAndGet(capacity) > MAX_POOLED_BYTES) {
            if (sizeClass >= MIN_CLASS && sizeClass <= MAX_CLASS) {
                pooledBytes.addAndGet(-capacity);
            }
            return;
        }
        free[sizeClass].offer(buffer);
    }

    @Override
    public boolean isDirect() {
        return false;
    }

    private static int sizeClass(int size) {
        return Math.max(MIN_CLASS, 32 - Integer.numberOfLeadingZeros(Math.max(1, size) - 1));
    }
}
