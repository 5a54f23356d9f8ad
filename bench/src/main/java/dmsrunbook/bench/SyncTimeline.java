package dmsrunbook.bench;

import dmsrunbook.local.LocalPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches a target database's {@code pg_subscription_rel} every 50 ms and notes when each table first reaches each
 * sync state (i: waiting, d: copying, f: copy finished, s: synchronized, r: ready), as {@link System#nanoTime()}: where the
 * subscription's initial copy spends its time (waiting for a worker, copying, catching up, being marked ready).
 */
final class SyncTimeline implements AutoCloseable {

    private final Map<String, Map<String, Long>> seen = new LinkedHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    SyncTimeline(LocalPostgres target, String database) {
        thread = new Thread(() -> watch(target, database), "sync-timeline");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch(LocalPostgres target, String database) {
        try (Connection connection = target.connect(database); Statement statement = connection.createStatement()) {
            while (running.get()) {
                try (ResultSet rows = statement.executeQuery("SELECT srrelid::regclass::text, srsubstate::text FROM pg_subscription_rel")) {
                    long now = System.nanoTime();
                    synchronized (seen) {
                        while (rows.next()) {
                            seen.computeIfAbsent(rows.getString(1), k -> new LinkedHashMap<>()).putIfAbsent(rows.getString(2), now);
                        }
                    }
                }
                Thread.sleep(50);
            }
        } catch (Exception e) {
            System.out.println("  (sync timeline stopped: " + e.getMessage() + ")");
        }
    }

    /** Seconds from {@code origin} (a nanoTime), e.g. {@code transacoes i 0.05 d 0.41 f 2.80 s 2.85 r 3.60}. */
    String describe(long origin) {
        StringJoiner tables = new StringJoiner("; ");
        synchronized (seen) {
            seen.forEach((table, states) -> {
                StringJoiner line = new StringJoiner(" ", table + " ", "");
                states.forEach((state, at) -> line.add(state + " " + String.format("%.2f", (at - origin) / 1e9)));
                tables.add(line.toString());
            });
        }
        return tables.toString();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(2_000);
    }
}
