package dmsrunbook.rehearsal;

import dmsrunbook.local.LocalMariaDb;
import dmsrunbook.local.LocalPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A dump of the operator's source database given to {@code runbook rehearse --source-dump}: a {@code pg_dump} archive
 * (custom format, restored with {@code pg_restore}) or a plain SQL script ({@code pg_dump}'s plain format, run with
 * {@code psql}). {@link #inspect} reads the file before any cluster starts, so a dump that is not one fails at once;
 * {@link #restoreInto} loads it into the local source cluster without owners and privileges (the roles of the dump's
 * server do not exist there). A {@code mysqldump} (or {@code mariadb-dump}) file is a third format: it is loaded into a
 * local MariaDB source with the {@code mariadb} client, for a spec whose source is MySQL or MariaDB.
 */
public final class SourceDump {

    /** How the dump is written, hence which tool restores it. */
    public enum Format {
        PG_CUSTOM("pg_dump archive (custom format)"),
        PLAIN_SQL("plain SQL script"),
        MYSQLDUMP("mysqldump file");

        private final String words;

        Format(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    private static final String OPTION = "--source-dump";
    /** What a pg_dump custom archive starts with. */
    private static final byte[] PG_ARCHIVE_MAGIC = "PGDMP".getBytes(StandardCharsets.US_ASCII);
    /** pg_dump's plain output sets owners and grants to roles the local cluster does not have: --no-owner, --no-privileges. */
    private static final Pattern OWNERSHIP_OR_PRIVILEGE = Pattern.compile(
            "^(ALTER [A-Z ]+ OWNER TO .*;|GRANT .*;|REVOKE .*;|ALTER DEFAULT PRIVILEGES .*;)\\s*$");
    private static final Pattern SQL_STATEMENT = Pattern.compile(
            "(?im)^\\s*(CREATE|INSERT|COPY|ALTER|SET|SELECT|BEGIN)\\b");

    private final Path file;
    private final Format format;
    /** How messages name the dump: the option and file the operator gave. */
    private final String named;

    private SourceDump(Path file, Format format, String named) {
        this.file = file;
        this.format = format;
        this.named = named;
    }

    /** Reads the file's head and, for an archive, its table of contents; throws with the fix when it is no usable dump. */
    public static SourceDump inspect(Path file, Path pgBinaries) {
        return inspect(file, pgBinaries, OPTION + " " + file);
    }

    /** Like {@link #inspect(Path, Path)}, the dump named {@code named} in messages (a copy's temporary file is not the operator's). */
    static SourceDump inspect(Path file, Path pgBinaries, String named) {
        if (!Files.isRegularFile(file)) {
            throw new RehearsalInputException(named + ": no such file. Give the path of a pg_dump archive "
                    + "(pg_dump -Fc -f source.dump) or a plain SQL dump (pg_dump -f source.sql).");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64 * 1024);
        } catch (IOException e) {
            throw new RehearsalInputException(named + " cannot be read (" + e.getMessage() + "): check its permissions.");
        }
        if (head.length == 0) {
            throw new RehearsalInputException(named + " is empty: dump the source again (pg_dump -Fc -f source.dump).");
        }
        if (head.length >= PG_ARCHIVE_MAGIC.length && Arrays.equals(Arrays.copyOf(head, PG_ARCHIVE_MAGIC.length), PG_ARCHIVE_MAGIC)) {
            SourceDump dump = new SourceDump(file, Format.PG_CUSTOM, named);
            dump.checkArchive(pgBinaries);
            return dump;
        }
        String text = new String(head, StandardCharsets.UTF_8);
        if (text.indexOf('\0') >= 0) {
            throw new RehearsalInputException(named + " is neither a pg_dump archive nor SQL text (a binary file). "
                    + "Write a custom-format archive (pg_dump -Fc) or a plain SQL dump (pg_dump -f source.sql); "
                    + "a directory or tar archive can be converted with pg_restore -f source.sql.");
        }
        if (text.contains("-- MySQL dump") || text.contains("-- MariaDB dump")) {
            return new SourceDump(file, Format.MYSQLDUMP, named);
        }
        if (!SQL_STATEMENT.matcher(text).find()) {
            throw new RehearsalInputException(named + " holds no SQL statement in its first 64 KB: it is not a dump. "
                    + "Write one with pg_dump -Fc -f source.dump (or pg_dump -f source.sql).");
        }
        return new SourceDump(file, Format.PLAIN_SQL, named);
    }

    public Path file() {
        return file;
    }

    public Format format() {
        return format;
    }

    /** How messages name the dump: the option and the file. */
    public String named() {
        return named;
    }

    /** Loads the dump into {@code database} of the local cluster; a statement that fails stops it, with the tool's words. */
    public void restoreInto(LocalPostgres cluster, String database) {
        if (format == Format.MYSQLDUMP) {
            throw new IllegalStateException(named + " is a mysqldump file: it loads into MariaDB, not PostgreSQL");
        }
        if (format == Format.PG_CUSTOM) {
            ToolRun.run(cluster.clientTool("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "-d", database,
                    file.toString()), null, named + " could not be restored");
            return;
        }
        ToolRun.run(cluster.clientTool("psql", "-q", "-X", "-v", "ON_ERROR_STOP=1", "-d", database),
                this::writeWithoutOwnership, named + " could not be loaded");
    }

    /**
     * Loads a mysqldump file into {@code database} of the local MariaDB with the {@code mariadb} client; its first error
     * stops it, with the client's words. Its DEFINER clauses name users the local server does not have, which MariaDB
     * accepts with a warning.
     */
    public void restoreInto(LocalMariaDb server, String database) {
        if (format != Format.MYSQLDUMP) {
            throw new IllegalStateException(named + " is a " + format.words() + ": it loads into PostgreSQL, not MariaDB");
        }
        ToolRun.run(server.clientTool(database), stdin -> Files.copy(file, stdin), named + " could not be loaded");
    }

    /** {@code pg_restore --list} reads the whole table of contents: a truncated or damaged archive fails here. */
    private void checkArchive(Path pgBinaries) {
        ProcessBuilder list = new ProcessBuilder(pgBinaries.resolve("pg_restore").toString(), "--list", file.toString());
        ToolRun.run(list, null, named + " is a damaged pg_dump archive (dump it again with pg_dump -Fc)");
    }

    private void writeWithoutOwnership(OutputStream stdin) throws IOException {
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!OWNERSHIP_OR_PRIVILEGE.matcher(line).matches()) {
                    stdin.write(line.getBytes(StandardCharsets.UTF_8));
                    stdin.write('\n');
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
