package dmsrunbook.lake.compaction;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Opens the next few inputs of a merge on a background thread (file open, footer, first rows read) while the merge
 * works on the current one: with many small DMS files, opening them is much of the work.
 *
 * @param <T> what an opened input is
 */
final class OpenAhead<T> implements AutoCloseable {

    private static final int AHEAD = 4;
    private static final ExecutorService OPENER = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "lake-open-ahead");
        thread.setDaemon(true);
        return thread;
    });

    /** Opens input {@code index}; an unreadable input throws {@link InputUnreadableException}. */
    @FunctionalInterface
    interface Opener<T> {
        T open(int index) throws IOException;
    }

    /** Closes an opened input that was never taken. */
    @FunctionalInterface
    interface Closer<T> {
        void close(T opened) throws IOException;
    }

    private final List<ChangeInput> inputs;
    private final Opener<T> opener;
    private final Closer<T> closer;
    private final Map<Integer, Future<T>> ahead = new HashMap<>();

    OpenAhead(List<ChangeInput> inputs, Opener<T> opener, Closer<T> closer) {
        this.inputs = inputs;
        this.opener = opener;
        this.closer = closer;
    }

    /** Input {@code index}, opened (and the next few started). */
    T take(int index) throws IOException {
        for (int i = index; i < Math.min(inputs.size(), index + AHEAD); i++) {
            int at = i;
            ahead.computeIfAbsent(at, k -> OPENER.submit(() -> opener.open(at)));
        }
        try {
            return ahead.remove(index).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening " + inputs.get(index).name(), e);
        }
    }

    /** Closes whatever was opened ahead and not taken (after a failure, or when the merge stopped early). */
    @Override
    public void close() {
        for (Future<T> future : ahead.values()) {
            try {
                closer.close(future.get());
            } catch (Exception e) {
                // Opening failed or closing did: nothing is left open either way.
            }
        }
        ahead.clear();
    }
}
