package dmsrunbook.bench;

import dmsrunbook.local.LocalMariaDb;
import dmsrunbook.local.LocalPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The diff benchmark's data: one table of {@code rows} rows (even keys {@code 2..2*rows}, as after deletes; an
 * integer, a numeric(14,2), text with a NULL every 97 rows, a timestamptz with microseconds, a JSON document) on the
 * source, and two copies on the target: {@link #PLANTED} with ten differences planted, {@link #EQUAL} with none.
 * Loading is not measured: generated on the source ({@code generate_series}, MariaDB's {@code seq_1_to_N}), then
 * copied to the target ({@code COPY} piped between two {@code psql}, or MariaDB rows streamed into PostgreSQL's
 * {@code COPY FROM STDIN}), keys added after the load, every table vacuumed and analysed, as autovacuum would leave it
 * after a migration's full load.
 */
final class DiffBenchData {

    static final String SOURCE = "items";
    static final String PLANTED = "items";
    static final String EQUAL = "items_equal";
    static final List<String> COLUMNS = List.of("id", "quantity", "amount", "note", "created_at", "doc");

    private final long rows;

    DiffBenchData(long rows) {
        if (rows < 10_000) {
            throw new IllegalArgumentException("the diff benchmark needs at least 10,000 rows (got " + rows + ")");
        }
        this.rows = rows;
    }

    long rows() {
        return rows;
    }

    /** Generates the source table on PostgreSQL. */
    void generateOnPostgres(LocalPostgres source, String database) {
        source.execute(database, """
                CREATE TABLE public.items (id bigint NOT NULL, quantity integer, amount numeric(14,2), note text,
                                           created_at timestamptz, doc jsonb);
                INSERT INTO public.items
                SELECT 2 * g, (g * 7919) %% 100000, ((g * 104729) %% 10000000) / 100.0,
                       CASE WHEN g %% 97 = 0 THEN NULL ELSE 'note ' || md5(g::text) END,
                       timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second' + (g %% 1000000) * interval '1 microsecond',
                       jsonb_build_object('kind', 'k' || (g %% 7), 'n', g, 'tags', jsonb_build_array('a' || (g %% 3), 'b' || (g %% 5)))
                FROM generate_series(1::bigint, %d) g;
                ALTER TABLE public.items ADD PRIMARY KEY (id);
                """.formatted(rows));
        source.execute(database, "VACUUM (ANALYZE) public.items");
    }

    /** Generates the source table on MariaDB: the same shape, JSON as MariaDB's JSON (longtext checked as JSON). */
    void generateOnMariaDb(LocalMariaDb source, String database) {
        source.execute(database, """
                CREATE TABLE items (id BIGINT NOT NULL PRIMARY KEY, quantity INT, amount DECIMAL(14,2), note TEXT,
                                    created_at TIMESTAMP(6) NULL, doc JSON);
                SET time_zone = '+00:00';
                INSERT INTO items
                SELECT 2 * seq, (seq * 7919) %% 100000, ((seq * 104729) %% 10000000) / 100.0,
                       IF(seq %% 97 = 0, NULL, CONCAT('note ', MD5(seq))),
                       TIMESTAMP'2024-01-01 00:00:00' + INTERVAL seq SECOND + INTERVAL (seq %% 1000000) MICROSECOND,
                       JSON_OBJECT('kind', CONCAT('k', seq %% 7), 'n', seq, 'tags', JSON_ARRAY(CONCAT('a', seq %% 3), CONCAT('b', seq %% 5)))
                FROM seq_1_to_%d;
                ANALYZE TABLE items;
                """.formatted(rows));
    }

    /** Copies the PostgreSQL source table into both target tables, then plants the differences into one. */
    void copyPostgresToPostgres(LocalPostgres source, LocalPostgres target, String database) throws IOException, InterruptedException {
        target.execute(database, targetDdl());
        String bin = source.binDir().toString();
        String command = bin + "/psql -q -v ON_ERROR_STOP=1 -h " + source.host() + " -p " + source.port() + " -U postgres -d " + database
                + " -c 'COPY public.items TO STDOUT' | " + bin + "/psql -q -v ON_ERROR_STOP=1 -h " + target.host() + " -p " + target.port()
                + " -U postgres -d " + database + " -c 'COPY public.items FROM STDIN'";
        ProcessBuilder builder = new ProcessBuilder("bash", "-o", "pipefail", "-c", command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", LocalPostgres.PASSWORD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("COPY between the clusters failed: " + output);
        }
        finishTarget(target, database);
    }

    /**
     * Copies the MariaDB source table into both PostgreSQL target tables, streaming rows into {@code COPY FROM STDIN}
     * (timestamps read in UTC), then plants the differences into one.
     */
    void copyMariaDbToPostgres(LocalMariaDb source, String sourceDatabase, LocalPostgres target, String targetDatabase) throws SQLException {
        target.execute(targetDatabase, targetDdl());
        try (Connection from = source.connect(sourceDatabase); Connection to = target.connect(targetDatabase)) {
            try (Statement statement = from.createStatement()) {
                statement.execute("SET time_zone = '+00:00'");
            }
            CopyIn copy = to.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY public.items FROM STDIN");
            try (PreparedStatement select = from.prepareStatement("""
                    SELECT id, quantity, CAST(amount AS CHAR), note, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f'), doc
                    FROM items ORDER BY id""", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                select.setFetchSize(10_000);
                StringBuilder batch = new StringBuilder(1 << 20);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        for (int i = 1; i <= 6; i++) {
                            String value = result.getString(i);
                            if (i > 1) {
                                batch.append('\t');
                            }
                            batch.append(value == null ? "\\N" : copyText(value));
                            if (i == 5 && value != null) {
                                batch.append("+00");
                            }
                        }
                        batch.append('\n');
                        if (batch.length() > 1 << 20) {
                            byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
                            copy.writeToCopy(bytes, 0, bytes.length);
                            batch.setLength(0);
                        }
                    }
                }
                byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
        finishTarget(target, targetDatabase);
    }

    private static String copyText(String value) {
        if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String targetDdl() {
        return "CREATE TABLE public.items (id bigint NOT NULL, quantity integer, amount numeric(14,2), note text, "
                + "created_at timestamptz, doc jsonb)";
    }

    private void finishTarget(LocalPostgres target, String database) {
        target.execute(database, """
                CREATE TABLE public.items_equal (LIKE public.items);
                INSERT INTO public.items_equal SELECT * FROM public.items;
                ALTER TABLE public.items ADD PRIMARY KEY (id);
                ALTER TABLE public.items_equal ADD PRIMARY KEY (id);
                """);
        target.execute(database, plantSql());
        target.execute(database, "VACUUM (ANALYZE) public.items");
        target.execute(database, "VACUUM (ANALYZE) public.items_equal");
    }

    /** The ten differences, planted into the target's {@link #PLANTED} table. */
    String plantSql() {
        return String.join("\n",
                "DELETE FROM public.items WHERE id = " + key(0.05) + ";",
                "DELETE FROM public.items WHERE id = " + key(0.55) + ";",
                "INSERT INTO public.items SELECT id + 1, quantity, amount, note, created_at, doc FROM public.items WHERE id = " + key(0.15) + ";",
                "INSERT INTO public.items SELECT " + pastTheEnd() + ", quantity, amount, note, created_at, doc FROM public.items WHERE id = "
                        + key(0.95) + ";",
                "UPDATE public.items SET quantity = quantity + 1 WHERE id = " + key(0.25) + ";",
                "UPDATE public.items SET amount = amount + 0.01 WHERE id = " + key(0.35) + ";",
                "UPDATE public.items SET note = note || ' ' WHERE id = " + key(0.45) + ";",
                "UPDATE public.items SET created_at = created_at + interval '3 hours' WHERE id = " + key(0.65) + ";",
                "UPDATE public.items SET doc = jsonb_set(doc, '{n}', '0') WHERE id = " + key(0.75) + ";",
                "UPDATE public.items SET note = '' WHERE id = " + nullNoteKey(0.85) + ";");
    }

    /**
     * The planted differences as {@link Findings} names them: two rows missing on the target (deleted), two extra (one
     * between two source keys, one past the last), and six changed, one per kind: an integer, a numeric's last digit,
     * a trailing space, a timestamp shifted as by a time zone, a JSON value, and '' where the source has NULL.
     */
    Set<String> planted() {
        Set<String> expected = new TreeSet<>();
        expected.add(Findings.missing(key(0.05)));
        expected.add(Findings.missing(key(0.55)));
        expected.add(Findings.extra(key(0.15) + 1));
        expected.add(Findings.extra(pastTheEnd()));
        expected.add(Findings.changed(key(0.25), List.of("quantity")));
        expected.add(Findings.changed(key(0.35), List.of("amount")));
        expected.add(Findings.changed(key(0.45), List.of("note")));
        expected.add(Findings.changed(key(0.65), List.of("created_at")));
        expected.add(Findings.changed(key(0.75), List.of("doc")));
        expected.add(Findings.changed(nullNoteKey(0.85), List.of("note")));
        return Collections.unmodifiableSet(expected);
    }

    /** The key of the generated row near {@code fraction} of the table whose note is not NULL. */
    private long key(double fraction) {
        long g = Math.max(1, (long) (rows * fraction));
        return 2 * (g % 97 == 0 ? g + 1 : g);
    }

    /** The key of a generated row near {@code fraction} of the table whose note is NULL. */
    private long nullNoteKey(double fraction) {
        return 2 * Math.max(97, (long) (rows * fraction) / 97 * 97);
    }

    private long pastTheEnd() {
        return 2 * rows + 2;
    }
}
