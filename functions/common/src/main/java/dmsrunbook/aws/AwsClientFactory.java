package dmsrunbook.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Configures any AWS SDK v2 client the same way: one small url-connection HTTP client shared by every client it
 * configures, the region and endpoint of {@link AwsSettings}, the SDK's standard retry policy, and any credentials when
 * the endpoint is an emulator. Each module keeps the clients it calls (the runbook's {@code AwsClients}, the lake's
 * services) and builds them with {@link #configure}.
 */
public final class AwsClientFactory {

    private final AwsSettings settings;
    private final SdkHttpClient http;

    public AwsClientFactory(AwsSettings settings) {
        this.settings = settings;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    public static AwsClientFactory fromEnvironment() {
        return new AwsClientFactory(AwsSettings.fromEnvironment());
    }

    public AwsSettings settings() {
        return settings;
    }

    /** Applies region, endpoint, HTTP client, retry policy and credentials to any SDK v2 client builder. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder) {
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
