package dmsrunbook.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where the AWS clients point. In Lambda this is just the region; {@code AWS_ENDPOINT_URL} sends every client to
 * moto or LocalStack instead, so the same code runs against real and emulated AWS unchanged.
 *
 * @param region   AWS region of every client
 * @param endpoint endpoint override for every client, when set
 * @param emulated true when the endpoint is an emulator that takes any credentials (the local rehearsal)
 */
public record AwsSettings(String region, Optional<URI> endpoint, boolean emulated) {

    public static final String DEFAULT_REGION = "us-east-1";

    public AwsSettings {
        if (region == null || region.isBlank()) {
            region = DEFAULT_REGION;
        }
        endpoint = endpoint == null ? Optional.empty() : endpoint;
    }

    /**
     * Reads {@code AWS_REGION} (or {@code AWS_DEFAULT_REGION}), {@code AWS_ENDPOINT_URL}, and
     * {@code DMS_RUNBOOK_EMULATED=true} when that endpoint is an emulator taking any credentials.
     */
    public static AwsSettings fromEnvironment() {
        return from(System.getenv());
    }

    public static AwsSettings from(Map<String, String> env) {
        String region = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
        Optional<URI> endpoint = Optional.ofNullable(env.get("AWS_ENDPOINT_URL")).filter(s -> !s.isBlank()).map(URI::create);
        return new AwsSettings(region, endpoint, "true".equalsIgnoreCase(env.get("DMS_RUNBOOK_EMULATED")));
    }

    /** Settings for an emulator on {@code endpoint} (moto in the rehearsal and the tests). */
    public static AwsSettings emulator(URI endpoint) {
        return new AwsSettings(DEFAULT_REGION, Optional.of(endpoint), true);
    }
}
