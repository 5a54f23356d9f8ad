package dmsrunbook.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads one side's rows on a thread of its own, in batches a few ahead of the consumer, so both databases stream at
 * once and the comparison waits only for the slower one. Memory: at most {@code QUEUED + 2} batches of rows.
 */
final class RowPrefetcher<R> implements AutoCloseable {

    /** One side's rows in key order; {@code null} after the last. */
    @FunctionalInterface
    interface RowStream<R> {
        R next() throws Exception;
    }

    private static final int BATCH = 1024;
    private static final int QUEUED = 4;
    private static final List<Object> END = new ArrayList<>();

    private final BlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread thread;
    private volatile Throwable failure;
    private List<Object> batch = List.of();
    private int index;
    private boolean ended;

    RowPrefetcher(String name, RowStream<R> stream) {
        thread = new Thread(() -> {
            try {
                List<Object> rows = new ArrayList<>(BATCH);
                for (R row = stream.next(); row != null; row = stream.next()) {
                    rows.add(row);
                    if (rows.size() == BATCH) {
                        queue.put(rows);
                        rows = new ArrayList<>(BATCH);
                    }
                }
                if (!rows.isEmpty()) {
                    queue.put(rows);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                failure = e;
            }
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The next row, or null after the last; rethrows what the reading thread met. */
    @SuppressWarnings("unchecked")
    R next() throws InterruptedException {
        while (index == batch.size()) {
            if (ended) {
                return null;
            }
            batch = queue.take();
            index = 0;
            if (batch == END) {
                ended = true;
                batch = List.of();
                if (failure != null) {
                    throw new IllegalStateException(thread.getName() + " failed: " + failure.getMessage(), failure);
                }
            }
        }
        return (R) batch.get(index++);
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(10_000);
    }
}
