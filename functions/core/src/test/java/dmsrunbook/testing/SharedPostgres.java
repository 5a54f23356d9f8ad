package dmsrunbook.testing;

import dmsrunbook.local.LocalPostgres;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL cluster ready for logical replication, shared by the test classes of a JVM (it stops with the JVM);
 * each test takes a database of its own, so tests do not see each other's tables.
 */
public final class SharedPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static LocalPostgres cluster;

    private SharedPostgres() {
    }

    public static synchronized LocalPostgres cluster() {
        if (cluster == null) {
            cluster = LocalPostgres.startLogicalSource("core-tests");
        }
        return cluster;
    }

    /** Creates an empty database named after {@code purpose} (lower-case letters and underscores). */
    public static String freshDatabase(String purpose) {
        String name = purpose + "_" + DATABASES.incrementAndGet();
        cluster().createDatabase(name);
        return name;
    }
}
