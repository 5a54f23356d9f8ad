package dmsrunbook.spec;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Refuses a spec whose target is its source: loading a database into itself with DMS's
 * {@code TRUNCATE_BEFORE_LOAD} or {@code DROP_AND_CREATE} empties the source. Here, before any connection, the spec's
 * own words are compared: the same host (loopback spellings, case and a trailing dot aside), port and database; and,
 * for DMS, the same secret with the same database, since DMS reads host and port from the secret. The preflight
 * compares the servers' identities again, which catches what names cannot (a DNS alias, an IP address).
 */
public final class SourceIsNotTarget {

    private static final Set<String> LOOPBACK = Set.of("localhost", "localhost.localdomain", "127.0.0.1", "::1",
            "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1");

    private SourceIsNotTarget() {
    }

    public static void check(ReplicationEngineKind engine, EndpointSpec source, EndpointSpec target, SpecProblems problems) {
        if (source == null || target == null || !source.engine().isDatabase() || !target.engine().isDatabase()
                || source.engine().family() != target.engine().family() || source.database() == null || target.database() == null) {
            return;
        }
        boolean sameDatabase = source.engine().family() == DatabaseEngine.Family.MYSQL
                ? source.database().equalsIgnoreCase(target.database()) // MySQL on Windows and macOS ignores the case of database names
                : source.database().equals(target.database());
        if (!sameDatabase) {
            return;
        }
        boolean sameSecret = Objects.equals(source.secretArn(), target.secretArn());
        if (source.host() != null && target.host() != null && host(source.host()).equals(host(target.host()))
                && Objects.equals(source.port(), target.port())) {
            problems.add("target", "is the source database (" + target.host() + ":" + target.port() + ", database " + target.database()
                            + (source.host().equals(target.host()) ? "" : ", and " + source.host() + " is the same host")
                            + (sameSecret ? ", with the same secret" : "") + "): loading it would erase or duplicate the source's rows",
                    "point target at the database to migrate into: its host, port or database must differ from the source's");
        } else if (sameSecret && engine == ReplicationEngineKind.DMS) {
            problems.add("target.secretArn", "is the source's secret, and the database (" + target.database() + ") is the same: DMS reads "
                            + "host and port from the secret, so both endpoints would reach the source database",
                    "give the target its own secret, naming the target server's host and port");
        }
    }

    /** A host as a server knows it: lower case, without a trailing dot or IPv6 brackets, every loopback spelling one. */
    static String host(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return LOOPBACK.contains(name) || name.matches("127(\\.\\d{1,3}){3}") ? "loopback" : name;
    }
}
