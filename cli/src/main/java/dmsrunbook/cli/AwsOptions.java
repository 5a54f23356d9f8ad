package dmsrunbook.cli;

import dmsrunbook.aws.AwsClients;
import dmsrunbook.aws.AwsSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the commands that call AWS point: the environment's region and credentials, or with
 * {@code --endpoint-url} an emulator (moto, LocalStack) that takes any credentials.
 */
final class AwsOptions {

    @Option(names = "--endpoint-url", description = "Send every AWS call to this emulator (moto, LocalStack) instead of AWS.")
    URI endpointUrl;

    AwsClients clients() {
        return new AwsClients(endpointUrl == null ? AwsSettings.fromEnvironment()
                : new AwsSettings(AwsSettings.fromEnvironment().region(), Optional.of(endpointUrl), true));
    }

    /** The environment a phase function would see, for commands that run a phase here (cleanup). */
    Map<String, String> functionEnvironment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (endpointUrl != null) {
            env.put("AWS_ENDPOINT_URL", endpointUrl.toString());
            env.put("DMS_RUNBOOK_EMULATED", "true");
        }
        return env;
    }
}
