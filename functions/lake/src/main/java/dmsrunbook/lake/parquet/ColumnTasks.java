package dmsrunbook.lake.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs per-column work on all cores: Parquet columns decode and encode independently, so a chunk of rows is
 * read or written column-parallel (each thread, the caller's included, taking the next column not yet taken).
 */
public final class ColumnTasks {

    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ExecutorService POOL = Executors.newFixedThreadPool(Math.max(1, THREADS - 1), runnable -> {
        Thread thread = new Thread(runnable, "lake-columns");
        thread.setDaemon(true);
        return thread;
    });
    /** Below this many values a chunk is not worth handing to another thread. */
    private static final int MIN_PARALLEL_VALUES = 16_384;

    private ColumnTasks() {
    }

    /** Work on one column. */
    @FunctionalInterface
    public interface ColumnWork {
        void run(int column) throws IOException;
    }

    /** Runs {@code work} for columns {@code 0..columns-1}; {@code rows} sizes the decision to go parallel. */
    public static void forEachColumn(int columns, int rows, ColumnWork work) throws IOException {
        if (THREADS == 1 || columns < 2 || (long) rows * columns < MIN_PARALLEL_VALUES) {
            for (int c = 0; c < columns; c++) {
                work.run(c);
            }
            return;
        }
        int helpers = Math.min(THREADS, columns) - 1;
        // Each thread claims the next column not yet taken: wide and narrow columns even out whatever their order.
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> others = new ArrayList<>(helpers);
        for (int h = 0; h < helpers; h++) {
            others.add(POOL.submit(() -> {
                runClaimed(next, columns, work);
                return null;
            }));
        }
        Throwable failure = null;
        try {
            runClaimed(next, columns, work);
        } catch (RuntimeException | IOException e) {
            failure = e;
        }
        for (Future<?> other : others) {
            try {
                other.get();
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
            }
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof UncheckedIOException unchecked) {
            throw unchecked.getCause();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private static void runClaimed(AtomicInteger next, int columns, ColumnWork work) throws IOException {
        for (int c = next.getAndIncrement(); c < columns; c = next.getAndIncrement()) {
            work.run(c);
        }
    }
}
