package dmsrunbook.deploy;

/** Stores database credentials in the emulated Secrets Manager, in the RDS format the runbook reads. */
public final class LocalSecrets {

    private LocalSecrets() {
    }

    /** Creates (or replaces) a secret; returns its ARN. */
    public static String put(LocalAws aws, String name, String username, String password, String host, int port) {
        String value = dmsrunbook.internal.Json.write(java.util.Map.of("username", username, "password", password,
                "host", host, "port", port));
        var secrets = aws.clients().secretsManager();
        try {
            return secrets.createSecret(b -> b.name(name).secretString(value)).arn();
        } catch (software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException e) {
            return secrets.putSecretValue(b -> b.secretId(name).secretString(value)).arn();
        }
    }
}
