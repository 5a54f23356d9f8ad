package dmsrunbook.database.postgres;

import dmsrunbook.spec.EndpointSpec;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The connection string a subscription keeps to reach the source (libpq's {@code key='value'} form), and the SQL
 * string constant that carries it. Values are single-quoted with quotes and backslashes escaped, as libpq reads
 * them; the constant is dollar-quoted with a random tag, which no setting changes the meaning of (a {@code '...'}
 * constant would turn libpq's backslashes into escapes under {@code standard_conforming_strings = off}).
 */
public final class PostgresConninfo {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PostgresConninfo() {
    }

    /** The source's address with the login of {@code user}, named {@code applicationName} on the source. */
    public static String of(EndpointSpec source, String user, String password, String applicationName) {
        return "host=" + value(source.host()) + " port=" + source.port() + " dbname=" + value(source.database())
                + " user=" + value(user) + " password=" + value(password)
                + " sslmode=" + PostgresFamily.sslMode(source.sslMode()) + " application_name=" + value(applicationName);
    }

    /** A libpq conninfo value: single-quoted, with quotes and backslashes escaped. */
    static String value(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** {@code text} as a dollar-quoted SQL string constant whose tag it does not contain. */
    public static String constant(String text) {
        String tag;
        do {
            tag = "$c" + HexFormat.of().formatHex(bytes()) + "$";
        } while (text.contains(tag));
        return tag + text + tag;
    }

    private static byte[] bytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
