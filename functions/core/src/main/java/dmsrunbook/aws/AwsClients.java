package dmsrunbook.aws;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.databasemigration.DatabaseMigrationClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The AWS SDK clients the runbook uses (DMS, CloudWatch, Secrets Manager, SNS, Step Functions, S3, and Bedrock's runtime
 * in the region a spec names), all configured by one
 * {@link AwsClientFactory}. Clients are created lazily and kept: a Lambda builds them once per sandbox.
 */
public final class AwsClients {

    private final AwsClientFactory factory;
    private volatile DatabaseMigrationClient dms;
    private volatile CloudWatchClient cloudWatch;
    private volatile SecretsManagerClient secretsManager;
    private volatile SnsClient sns;
    private volatile SfnClient sfn;
    private volatile S3Client s3;
    private final Map<String, BedrockRuntimeClient> bedrock = new ConcurrentHashMap<>();

    public AwsClients(AwsSettings settings) {
        this(new AwsClientFactory(settings));
    }

    public AwsClients(AwsClientFactory factory) {
        this.factory = factory;
    }

    public static AwsClients fromEnvironment() {
        return new AwsClients(AwsSettings.fromEnvironment());
    }

    public AwsSettings settings() {
        return factory.settings();
    }

    public DatabaseMigrationClient dms() {
        if (dms == null) {
            synchronized (this) {
                if (dms == null) {
                    dms = factory.configure(DatabaseMigrationClient.builder()).build();
                }
            }
        }
        return dms;
    }

    public CloudWatchClient cloudWatch() {
        if (cloudWatch == null) {
            synchronized (this) {
                if (cloudWatch == null) {
                    cloudWatch = factory.configure(CloudWatchClient.builder()).build();
                }
            }
        }
        return cloudWatch;
    }

    public SecretsManagerClient secretsManager() {
        if (secretsManager == null) {
            synchronized (this) {
                if (secretsManager == null) {
                    secretsManager = factory.configure(SecretsManagerClient.builder()).build();
                }
            }
        }
        return secretsManager;
    }

    public SnsClient sns() {
        if (sns == null) {
            synchronized (this) {
                if (sns == null) {
                    sns = factory.configure(SnsClient.builder()).build();
                }
            }
        }
        return sns;
    }

    public SfnClient sfn() {
        if (sfn == null) {
            synchronized (this) {
                if (sfn == null) {
                    sfn = factory.configure(SfnClient.builder()).build();
                }
            }
        }
        return sfn;
    }

    public S3Client s3() {
        if (s3 == null) {
            synchronized (this) {
                if (s3 == null) {
                    // An endpoint override (an emulator) serves buckets by path, not by host name.
                    s3 = factory.configure(S3Client.builder()).forcePathStyle(settings().endpoint().isPresent()).build();
                }
            }
        }
        return s3;
    }

    /**
     * Bedrock's runtime in {@code region} (the spec's {@code schema.aiAssist.region}, which may differ from the
     * stack's), configured like every client (endpoint override included) but with its own HTTP client: a model can
     * take minutes to write a long routine, longer than the other clients' 30-second reads.
     */
    public BedrockRuntimeClient bedrockRuntime(String region) {
        return bedrock.computeIfAbsent(region, r -> factory.configure(BedrockRuntimeClient.builder())
                .region(Region.of(r))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofMinutes(3)).build())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(Duration.ofMinutes(4)).build())
                .build());
    }

    /** Configures a client this holder does not keep (SQS, Glue in the local deployment) like its own. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder) {
        return factory.configure(builder);
    }
}
