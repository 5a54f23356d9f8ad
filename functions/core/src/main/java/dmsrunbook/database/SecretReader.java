package dmsrunbook.database;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.error.Failures;
import dmsrunbook.error.SecretUnavailableException;
import dmsrunbook.internal.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Reads endpoint secrets from Secrets Manager, keeping each for {@link #DEFAULT_MAX_AGE} in the Lambda sandbox, so a
 * rotated password reaches warm functions within minutes; {@link #refresh} reads one again at once, for a login the
 * database refused (the password may have been rotated since it was read).
 */
public final class SecretReader {

    /** How long a secret read is used before it is read again. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

    private record Read(DatabaseSecret secret, Instant at) {
    }

    private final SecretsManagerClient secretsManager;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<String, Read> cache = new ConcurrentHashMap<>();

    public SecretReader(SecretsManagerClient secretsManager) {
        this(secretsManager, Clock.systemUTC(), DEFAULT_MAX_AGE);
    }

    public SecretReader(SecretsManagerClient secretsManager, Clock clock, Duration maxAge) {
        this.secretsManager = secretsManager;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** The secret, as read within the last {@code maxAge}. */
    public DatabaseSecret read(String secretArn) {
        Read read = cache.get(secretArn);
        if (read != null && clock.instant().isBefore(read.at().plus(maxAge))) {
            return read.secret();
        }
        return refresh(secretArn);
    }

    /** The secret as Secrets Manager holds it now. */
    public DatabaseSecret refresh(String secretArn) {
        DatabaseSecret secret = fetch(secretArn);
        cache.put(secretArn, new Read(secret, clock.instant()));
        return secret;
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
