package dmsrunbook.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The database credentials a locally deployed runbook reads, put into the emulated Secrets Manager from a local file
 * or from environment variables, so the operator's real databases can be migrated without an AWS account. The file
 * is a JSON object of secret names to RDS-format secrets ({@code {"dms-runbook/shop-source": {"username": ...,
 * "password": ..., "host": ..., "port": 5432}}}); from the environment, {@code NAME=PREFIX} reads {@code PREFIX_USER},
 * {@code PREFIX_PASSWORD}, {@code PREFIX_HOST} and {@code PREFIX_PORT}. Values never appear in messages: only names
 * and the ARNs of the secrets made.
 */
public final class LocalDatabaseSecrets {

    /** One secret to store. */
    public record Secret(String name, String username, String password, String host, int port) {

        @Override
        public String toString() {
            return name + " (" + username + "@" + host + ":" + port + ")";
        }
    }

    private LocalDatabaseSecrets() {
    }

    /** The secrets of a file as described above; a mistake names the secret and field, never a value. */
    public static Map<String, Secret> fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--secrets-file " + file + " cannot be read: " + e.getMessage());
        }
        JsonNode json;
        try {
            json = Json.tree(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--secrets-file " + file + " is not JSON: write {\"dms-runbook/name\": "
                    + "{\"username\": ..., \"password\": ..., \"host\": ..., \"port\": ...}}");
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException("--secrets-file " + file + " must be a JSON object of secret names to secrets");
        }
        Map<String, Secret> secrets = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            for (String required : new String[] {"username", "password", "host", "port"}) {
                if (value.path(required).isMissingNode() || value.path(required).asText().isEmpty()) {
                    throw new IllegalArgumentException("--secrets-file " + file + ": secret " + field.getKey() + " lacks " + required);
                }
            }
            secrets.put(field.getKey(), new Secret(field.getKey(), value.path("username").asText(), value.path("password").asText(),
                    value.path("host").asText(), value.path("port").asInt()));
        }
        return secrets;
    }

    /** A secret from {@code PREFIX_USER}, {@code PREFIX_PASSWORD}, {@code PREFIX_HOST} and {@code PREFIX_PORT}. */
    public static Secret fromEnvironment(String name, String prefix, Map<String, String> env) {
        String[] values = new String[4];
        String[] suffixes = {"_USER", "_PASSWORD", "_HOST", "_PORT"};
        for (int i = 0; i < suffixes.length; i++) {
            values[i] = env.get(prefix + suffixes[i]);
            if (values[i] == null || values[i].isEmpty()) {
                throw new IllegalArgumentException("--secret " + name + "=" + prefix + ": the environment has no " + prefix + suffixes[i]);
            }
        }
        if (!values[3].matches("\\d{1,5}")) {
            throw new IllegalArgumentException("--secret " + name + "=" + prefix + ": " + prefix + "_PORT is not a port number");
        }
        return new Secret(name, values[0], values[1], values[2], Integer.parseInt(values[3]));
    }

    /** Stores the secret in the emulation; returns its ARN. */
    public static String put(LocalAws aws, Secret secret) {
        return LocalSecrets.put(aws, secret.name(), secret.username(), secret.password(), secret.host(), secret.port());
    }
}
