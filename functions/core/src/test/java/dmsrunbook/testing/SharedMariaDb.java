package dmsrunbook.testing;

import dmsrunbook.local.LocalMariaDb;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One MariaDB server shared by the test classes of a JVM (it stops with the JVM); each test takes a database of its
 * own, so tests do not see each other's tables.
 */
public final class SharedMariaDb {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static LocalMariaDb server;

    private SharedMariaDb() {
    }

    public static synchronized LocalMariaDb server() {
        if (server == null) {
            server = LocalMariaDb.start("core-tests", Map.of());
        }
        return server;
    }

    /** Creates an empty database named after {@code purpose} (lower-case letters and underscores). */
    public static String freshDatabase(String purpose) {
        String name = purpose + "_" + DATABASES.incrementAndGet();
        server().createDatabase(name);
        return name;
    }
}
