package dmsrunbook.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.databasemigration.DatabaseMigrationClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Builds the AWS SDK clients the runbook uses, all on one small url-connection HTTP client and the same
 * {@link AwsSettings}. Clients are created lazily and kept: a Lambda builds them once per sandbox.
 */
public final class AwsClients {

    private final AwsSettings settings;
    private final SdkHttpClient http;
    private volatile DatabaseMigrationClient dms;
    private volatile CloudWatchClient cloudWatch;
    private volatile SecretsManagerClient secretsManager;
    private volatile SnsClient sns;
    private volatile SfnClient sfn;

    public AwsClients(AwsSettings settings) {
        this.settings = settings;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    public static AwsClients fromEnvironment() {
        return new AwsClients(AwsSettings.fromEnvironment());
    }

    public AwsSettings settings() {
        return settings;
    }

    public DatabaseMigrationClient dms() {
        if (dms == null) {
            synchronized (this) {
                if (dms == null) {
                    dms = configure(DatabaseMigrationClient.builder()).build();
                }
            }
        }
        return dms;
    }

    public CloudWatchClient cloudWatch() {
        if (cloudWatch == null) {
            synchronized (this) {
                if (cloudWatch == null) {
                    cloudWatch = configure(CloudWatchClient.builder()).build();
                }
            }
        }
        return cloudWatch;
    }

    public SecretsManagerClient secretsManager() {
        if (secretsManager == null) {
            synchronized (this) {
                if (secretsManager == null) {
                    secretsManager = configure(SecretsManagerClient.builder()).build();
                }
            }
        }
        return secretsManager;
    }

    public SnsClient sns() {
        if (sns == null) {
            synchronized (this) {
                if (sns == null) {
                    sns = configure(SnsClient.builder()).build();
                }
            }
        }
        return sns;
    }

    public SfnClient sfn() {
        if (sfn == null) {
            synchronized (this) {
                if (sfn == null) {
                    sfn = configure(SfnClient.builder()).build();
                }
            }
        }
        return sfn;
    }

    /** Applies region, endpoint, HTTP client and retry policy to any SDK v2 client builder. */
    public <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> B configure(B builder) {
        builder.region(Region.of(settings.region()))
                .httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(Duration.ofSeconds(60))
                        .build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        // Emulators take any credentials; everywhere else the default chain finds the function's role.
        builder.credentialsProvider(settings.emulated()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))
                : DefaultCredentialsProvider.builder().build());
        return builder;
    }
}
