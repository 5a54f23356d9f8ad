package dmsrunbook.rehearsal;

/**
 * The thread a rehearsal's application-like workload writes on: its writes loop while {@link #running()}, and
 * {@link #stop()} lets the statement in flight finish (the application going read-only).
 */
final class WriterThread {

    private volatile boolean running;
    private volatile Thread thread;

    /** Starts {@code writes} on a daemon thread; they end when they return or once stopped. */
    void start(Runnable writes) {
        running = true;
        Thread started = new Thread(() -> {
            try {
                writes.run();
            } finally {
                running = false;
            }
        }, "application-writes");
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    boolean running() {
        return running;
    }

    /** Asks the writes to end, without waiting: a write failing from here on is the stop, not a fault. */
    void requestStop() {
        running = false;
    }

    /** Asks the writes to end and waits up to 10 s for the statement in flight. */
    void stop() {
        requestStop();
        Thread current = thread;
        if (current != null) {
            try {
                current.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
