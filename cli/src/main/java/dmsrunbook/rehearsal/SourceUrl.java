package dmsrunbook.rehearsal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@code runbook rehearse --source-url} reads the operator's PostgreSQL source: a libpq URL
 * ({@code postgresql://user:password@host:5432/db?sslmode=require}) or a JDBC one
 * ({@code jdbc:postgresql://host:5432/db?user=...&password=...}). Without a password in the URL, {@code PGPASSWORD}
 * is used. {@link #toString()} never shows the password.
 */
public record SourceUrl(String host, int port, String database, String user, Optional<String> password, String sslMode) {

    static final String OPTION = "--source-url";

    public static SourceUrl parse(String text) {
        String rest = text.startsWith("jdbc:") ? text.substring("jdbc:".length()) : text;
        URI uri;
        try {
            uri = new URI(rest);
        } catch (URISyntaxException e) {
            throw bad("is not a URL (" + e.getReason() + ")");
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw bad("is not a PostgreSQL URL: the rehearsal copies PostgreSQL sources only");
        }
        if (uri.getHost() == null) {
            throw bad("names no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (path.isEmpty()) {
            throw bad("names no database");
        }
        Map<String, String> query = query(uri.getRawQuery());
        String user = query.get("user");
        String password = query.get("password");
        if (uri.getRawUserInfo() != null) {
            String[] userInfo = uri.getRawUserInfo().split(":", 2);
            user = decode(userInfo[0]);
            password = userInfo.length > 1 ? decode(userInfo[1]) : password;
        }
        if (user == null || user.isEmpty()) {
            throw bad("names no user");
        }
        if (password == null) {
            password = System.getenv("PGPASSWORD");
        }
        return new SourceUrl(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, decode(path), user,
                Optional.ofNullable(password), query.getOrDefault("sslmode", "prefer"));
    }

    /** The JDBC URL without credentials (they go as connection properties). */
    public String jdbcUrl(int connectTimeoutSeconds) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=" + sslMode
                + "&connectTimeout=" + connectTimeoutSeconds + "&ApplicationName=dms-runbook-rehearsal";
    }

    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                values.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        return values;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The URL is not echoed: it may hold the password. */
    private static RehearsalInputException bad(String what) {
        return new RehearsalInputException(OPTION + " " + what + ". Write it as postgresql://user:password@host:5432/database "
                + "(or jdbc:postgresql://host:5432/database?user=...&password=...).");
    }
}
