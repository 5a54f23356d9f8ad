package dmsrunbook.database;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.error.Failures;
import dmsrunbook.error.SecretUnavailableException;
import dmsrunbook.internal.Json;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** Reads endpoint secrets from Secrets Manager, once per ARN per Lambda sandbox. */
public final class SecretReader {

    private final SecretsManagerClient secretsManager;
    private final Map<String, DatabaseSecret> cache = new ConcurrentHashMap<>();

    public SecretReader(SecretsManagerClient secretsManager) {
        this.secretsManager = secretsManager;
    }

    public DatabaseSecret read(String secretArn) {
        return cache.computeIfAbsent(secretArn, this::fetch);
    }

    private DatabaseSecret fetch(String secretArn) {
        String text;
        try {
            text = secretsManager.getSecretValue(b -> b.secretId(secretArn)).secretString();
        } catch (ResourceNotFoundException e) {
            throw new SecretUnavailableException("Secret " + secretArn + " does not exist",
                    "Create it in Secrets Manager in this region, or fix secretArn in the spec.");
        } catch (SdkException e) {
            throw Failures.ofAws("Secrets Manager GetSecretValue of " + secretArn, e);
        }
        JsonNode json;
        try {
            json = Json.tree(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            // Never echo the secret's text: it may be the password itself.
            throw new SecretUnavailableException("Secret " + secretArn + " is not a JSON object",
                    "Store it as JSON with username, password, host and port (the RDS secret format).");
        }
        String username = json.path("username").asText(null);
        String password = json.path("password").asText(null);
        if (username == null || password == null) {
            throw new SecretUnavailableException("Secret " + secretArn + " lacks " + (username == null ? "username" : "password"),
                    "Store username and password in the secret (the RDS secret format).");
        }
        Integer port = json.path("port").canConvertToInt() ? Integer.valueOf(json.path("port").asInt())
                : json.path("port").isTextual() && json.path("port").asText().matches("\\d+") ? Integer.valueOf(json.path("port").asText()) : null;
        return new DatabaseSecret(username, password, json.path("host").asText(null), port);
    }
}
