package dmsrunbook.rehearsal;

import dmsrunbook.local.LocalPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application writing to the cash-flow database while it migrates: new transactions, corrected amounts, deleted
 * entries and new users, at a steady rate. Stopping it is the cutover's read-only window; killing it (the
 * connection terminated mid-flight) is a crash.
 */
public final class WriteWorkload implements AutoCloseable {

    private final LocalPostgres database;
    private final String databaseName;
    private final int writesPerSecond;
    private final Random random = new Random(20261121);
    private final AtomicLong inserts = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final WriterThread writer = new WriterThread();
    private volatile int backendPid;

    public WriteWorkload(LocalPostgres database, String databaseName, int writesPerSecond) {
        this.database = database;
        this.databaseName = databaseName;
        this.writesPerSecond = writesPerSecond;
    }

    public WriteWorkload start() {
        writer.start(this::run);
        return this;
    }

    /** Stops writing after the statement in flight: the application is read-only from here on. */
    public void stop() {
        writer.stop();
    }

    /** Kills the application's connection mid-flight, as a crash would, and stops the writer. */
    public void kill() {
        writer.requestStop();
        try {
            database.execute(databaseName, "SELECT pg_terminate_backend(" + backendPid + ")");
        } catch (IllegalStateException e) {
            // Already gone.
        }
        stop();
    }

    public long writes() {
        return inserts.get() + updates.get() + deletes.get();
    }

    public String describe() {
        return inserts.get() + " inserts, " + updates.get() + " updates, " + deletes.get() + " deletes"
                + (failures.get() > 0 ? ", " + failures.get() + " failed" : "");
    }

    @Override
    public void close() {
        stop();
    }

    /** Writes until stopped; a lost connection (the source restarting) is counted as failed and opened again, as an application would. */
    private void run() {
        try {
            while (writer.running()) {
                try {
                    writeUntilStoppedOrDisconnected();
                } catch (SQLException e) {
                    if (writer.running()) {
                        failures.incrementAndGet();
                        Thread.sleep(1_000);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilStoppedOrDisconnected() throws SQLException, InterruptedException {
        long pause = Math.max(1, 1000 / Math.max(1, writesPerSecond));
        try (Connection connection = database.connect(databaseName)) {
            try (Statement statement = connection.createStatement(); var row = statement.executeQuery("SELECT pg_backend_pid()")) {
                row.next();
                backendPid = row.getInt(1);
            }
            try (PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO transacoes (usuario_id, categoria_id, valor, descricao) "
                                 + "SELECT id, ?, ?, 'Lancamento da aplicacao' FROM usuarios ORDER BY id OFFSET ? LIMIT 1");
                 PreparedStatement update = connection.prepareStatement(
                         "UPDATE transacoes SET valor = valor + ? WHERE id = (SELECT id FROM transacoes WHERE id >= ? ORDER BY id LIMIT 1)");
                 PreparedStatement delete = connection.prepareStatement(
                         "DELETE FROM transacoes WHERE id = (SELECT id FROM transacoes WHERE id >= ? ORDER BY id LIMIT 1)");
                 PreparedStatement newUser = connection.prepareStatement(
                         "INSERT INTO usuarios (nome, email) VALUES (?, ?)")) {
                long maxId = maxTransactionId(connection);
                int users = userCount(connection);
                while (writer.running()) {
                    int dice = random.nextInt(100);
                    if (dice < 60) {
                        insert.setInt(1, 1 + random.nextInt(6));
                        insert.setBigDecimal(2, java.math.BigDecimal.valueOf(random.nextInt(100_000), 2));
                        insert.setInt(3, random.nextInt(Math.max(1, users)));
                        inserts.addAndGet(insert.executeUpdate());
                    } else if (dice < 85) {
                        update.setBigDecimal(1, java.math.BigDecimal.valueOf(random.nextInt(2_000) - 1_000, 2));
                        update.setLong(2, 1 + (long) (random.nextDouble() * maxId));
                        updates.addAndGet(update.executeUpdate());
                    } else if (dice < 95) {
                        delete.setLong(1, 1 + (long) (random.nextDouble() * maxId));
                        deletes.addAndGet(delete.executeUpdate());
                    } else {
                        long n = System.nanoTime();
                        newUser.setString(1, "Cliente " + n);
                        newUser.setString(2, "cliente" + n + "@exemplo.com");
                        inserts.addAndGet(newUser.executeUpdate());
                        users++;
                    }
                    Thread.sleep(pause);
                }
            }
        }
    }

    private static long maxTransactionId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); var row = statement.executeQuery("SELECT COALESCE(max(id), 1) FROM transacoes")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static int userCount(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); var row = statement.executeQuery("SELECT count(*) FROM usuarios")) {
            row.next();
            return row.getInt(1);
        }
    }
}
