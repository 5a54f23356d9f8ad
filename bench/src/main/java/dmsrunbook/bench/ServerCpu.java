package dmsrunbook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * CPU seconds a database server has used, from {@code /proc} (Linux): for PostgreSQL the postmaster's children that
 * have exited (a session's backend and its parallel workers are counted once the session closes), for MariaDB the whole
 * server process (all its threads). Read before and after a step whose connections are closed, the difference is the
 * work that step cost the server: steadier than wall time on a machine shared with other work.
 */
final class ServerCpu {

    private static final double TICKS_PER_SECOND = 100.0;

    private final int pid;
    private final boolean children;

    private ServerCpu(int pid, boolean children) {
        this.pid = pid;
        this.children = children;
    }

    static ServerCpu postgres(BenchDatabase database) throws SQLException, IOException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW data_directory")) {
            row.next();
            String pid = Files.readAllLines(Path.of(row.getString(1), "postmaster.pid")).get(0).trim();
            return new ServerCpu(Integer.parseInt(pid), true);
        }
    }

    static ServerCpu mariaDb(BenchDatabase database) throws SQLException, IOException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT @@pid_file")) {
            row.next();
            return new ServerCpu(Integer.parseInt(Files.readString(Path.of(row.getString(1))).trim()), false);
        }
    }

    /** CPU seconds so far; -1 when /proc cannot tell. */
    double seconds() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // Fields after the command name (which may hold spaces) : state is field 3, utime 14, stime 15, cutime 16, cstime 17.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = children ? Long.parseLong(fields[13]) + Long.parseLong(fields[14])
                    : Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
