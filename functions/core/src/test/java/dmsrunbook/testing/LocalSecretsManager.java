package dmsrunbook.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.aws.AwsClients;
import dmsrunbook.aws.AwsSettings;
import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.SecretReader;
import dmsrunbook.internal.Json;
import dmsrunbook.local.FreePorts;
import dmsrunbook.local.MotoServer;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * Endpoint secrets in a real (emulated) Secrets Manager: one moto server for the whole test JVM, started on first use.
 * The runbook reads them through its own {@link SecretReader}, exactly as in Lambda.
 */
public final class LocalSecretsManager {

    private static AwsClients clients;

    private LocalSecretsManager() {
    }

    /** Stores a secret in the RDS format; {@code host} or {@code port} null leaves that field out. Returns its ARN. */
    public static String put(String name, String username, String password, String host, Integer port) {
        ObjectNode secret = Json.MAPPER.createObjectNode().put("username", username).put("password", password);
        if (host != null) {
            secret.put("host", host);
        }
        if (port != null) {
            secret.put("port", port);
        }
        return putRaw(name, secret.toString());
    }

    /** Stores {@code secretString} as it is (to test secrets that are not what the runbook expects). */
    public static String putRaw(String name, String secretString) {
        SecretsManagerClient secrets = aws().secretsManager();
        try {
            return secrets.createSecret(b -> b.name(name).secretString(secretString)).arn();
        } catch (ResourceExistsException e) {
            return secrets.putSecretValue(b -> b.secretId(name).secretString(secretString)).arn();
        }
    }

    /** A connector as the runbook builds it, with a fresh secret cache. */
    public static DatabaseConnector connector() {
        return new DatabaseConnector(new SecretReader(aws().secretsManager()));
    }

    public static synchronized AwsClients aws() {
        if (clients == null) {
            // Nothing here invokes Lambda: moto's Lambda port just has to be one nobody listens on.
            MotoServer moto = MotoServer.start(FreePorts.next());
            clients = new AwsClients(AwsSettings.emulator(moto.endpoint()));
        }
        return clients;
    }
}
