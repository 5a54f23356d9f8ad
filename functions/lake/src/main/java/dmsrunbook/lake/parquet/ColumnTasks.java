package dmsrunbook.lake.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs per-column work on all cores: Parquet columns decode and encode independently, so a chunk of rows is
 * read or written column-parallel (one stripe of columns per core, the caller taking one stripe itself).
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
        int stripes = Math.min(THREADS, columns);
        List<Future<?>> others = new ArrayList<>(stripes - 1);
        for (int s = 1; s < stripes; s++) {
            int stripe = s;
            others.add(POOL.submit(() -> {
                runStripe(stripe, stripes, columns, work);
                return null;
            }));
        }
        Throwable failure = null;
        try {
            runStripe(0, stripes, columns, work);
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

    private static void runStripe(int stripe, int stripes, int columns, ColumnWork work) throws IOException {
        // Interleaved stripes spread wide and narrow columns evenly enough.
        for (int c = stripe; c < columns; c += stripes) {
            work.run(c);
        }
    }
}
