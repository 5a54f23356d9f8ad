package dmsrunbook.lake.compaction;

import dmsrunbook.lake.parquet.ParquetBatchReader;
import dmsrunbook.lake.parquet.RowBatch;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decodes a file's next chunks on a background thread while the merge encodes the current one: reading and
 * writing then overlap on separate cores instead of taking turns. A few batches circulate between the two threads.
 */
final class BatchReadAhead implements AutoCloseable {

    private static final int BUFFERS = 3;
    private static final Object END = new Object();
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "lake-read-ahead");
        thread.setDaemon(true);
        return thread;
    });

    private final BlockingQueue<Object> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final BlockingQueue<RowBatch> free = new ArrayBlockingQueue<>(BUFFERS);
    private final Future<?> producer;
    private final RowBatchPool pool;
    private volatile boolean stopped;
    private boolean ended;

    BatchReadAhead(ParquetBatchReader reader, RowBatchPool pool) {
        this.pool = pool;
        for (int i = 0; i < BUFFERS; i++) {
            free.add(pool.take());
        }
        producer = THREADS.submit(() -> {
            try {
                while (!stopped) {
                    RowBatch batch = free.take();
                    if (!reader.next(batch)) {
                        full.put(END);
                        return;
                    }
                    if (batch.rowCount() > 0) {
                        full.put(batch);
                    } else {
                        free.put(batch);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception | Error e) {
                try {
                    full.put(e);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    /**
     * Gives back the batch the caller is done with ({@code done}, may be null) and returns the next decoded batch,
     * or null at the end of the file. Decoding failures surface here.
     */
    RowBatch next(RowBatch done) throws Exception {
        if (done != null && !ended) {
            free.put(done);
        }
        if (ended) {
            return null;
        }
        Object next = full.take();
        if (next == END) {
            ended = true;
            return null;
        }
        if (next instanceof Exception failure) {
            ended = true;
            throw failure;
        }
        if (next instanceof Error error) {
            ended = true;
            throw error;
        }
        return (RowBatch) next;
    }

    /**
     * Stops the background thread and waits for it, so the reader can be closed safely; hands every batch back to
     * the pool, {@code current} (the caller's, may be null) included.
     */
    public void close(RowBatch current) {
        stopped = true;
        producer.cancel(true);
        try {
            producer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            // Stopped, or already failed and reported through next().
        }
        RowBatch batch;
        while ((batch = free.poll()) != null) {
            pool.give(batch);
        }
        Object item;
        while ((item = full.poll()) != null) {
            if (item instanceof RowBatch filled) {
                pool.give(filled);
            }
        }
        if (current != null) {
            pool.give(current);
        }
    }

    @Override
    public void close() {
        close(null);
    }
}
