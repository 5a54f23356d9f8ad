package dmsrunbook.database;

/**
 * The fields of an endpoint's Secrets Manager secret (RDS's format: username, password, host, port). The password
 * stays inside this object: {@link #toString()} never shows it, and nothing logs the record itself.
 */
public record DatabaseSecret(String username, String password, String host, Integer port) {

    @Override
    public String toString() {
        return "DatabaseSecret[username=" + username + ", password=****, host=" + host + ", port=" + port + "]";
    }
}
