package dmsrunbook.cli;

import dmsrunbook.deploy.LocalDatabaseSecrets;
import dmsrunbook.local.MotoServer;
import dmsrunbook.rehearsal.LocalRunbook;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runbook local up}: deploys template.yaml onto the local emulation (moto, and the local Lambda endpoint that
 * runs the real handlers) and keeps it running until interrupted, printing what {@code runbook start}, {@code status},
 * {@code approve} and {@code cleanup} need with {@code --endpoint-url}. With the native engine the workflow migrates
 * real databases this machine reaches; their credentials go into the emulated Secrets Manager from a file or the
 * environment and are never printed.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Deploy the workflow onto the local emulation and keep it running until Ctrl-C; print the endpoint URL, "
                + "the state machine ARN and the ARNs of the secrets stored.")
final class LocalUpCommand implements Callable<Integer> {

    @Option(names = "--secrets-file", paramLabel = "FILE",
            description = "Database secrets to store: a JSON object of secret names (e.g. dms-runbook/shop-source) to "
                    + "{\"username\", \"password\", \"host\", \"port\"}.")
    Path secretsFile;

    @Option(names = "--secret", paramLabel = "NAME=PREFIX",
            description = "A database secret from the environment: PREFIX_USER, PREFIX_PASSWORD, PREFIX_HOST and PREFIX_PORT. Repeatable.")
    List<String> environmentSecrets = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        Map<String, LocalDatabaseSecrets.Secret> secrets;
        try {
            secrets = secrets();
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), e.getMessage());
        }
        PrintWriter out = command.commandLine().getOut();
        out.println("deploying template.yaml onto the local emulation (moto " + MotoServer.PINNED_VERSION + " and the local Lambda endpoint)...");
        CountDownLatch stopped = new CountDownLatch(1);
        try (LocalRunbook runbook = LocalRunbook.start()) {
            Thread onExit = new Thread(() -> {
                runbook.close();
                stopped.countDown();
            }, "local-up-shutdown");
            Runtime.getRuntime().addShutdownHook(onExit);
            String endpoint = runbook.aws().endpoint().toString();
            String stateMachine = runbook.deployment().physicalId("MigrationStateMachine");
            out.println("dms-runbook is running locally. Ctrl-C stops it and forgets everything.");
            out.println("  endpoint URL:         " + endpoint);
            out.println("  state machine:        " + stateMachine);
            out.println("  alert topic:          " + runbook.alertTopicArn());
            out.println("  replication instance: " + runbook.replicationInstanceArn()
                    + " (moto's DMS moves no data: use \"engine\": \"postgres-native\" to migrate)");
            for (LocalDatabaseSecrets.Secret secret : secrets.values()) {
                out.println("  secret " + secret + ": " + LocalDatabaseSecrets.put(runbook.aws(), secret));
            }
            out.println("Use it with --endpoint-url (any AWS credentials work here):");
            out.println("  runbook start SPEC --state-machine-arn " + stateMachine + " --endpoint-url " + endpoint);
            out.println("  runbook status EXECUTION_ARN --endpoint-url " + endpoint);
            out.println("  runbook approve EXECUTION_ARN --endpoint-url " + endpoint);
            out.println("  runbook cleanup SPEC --endpoint-url " + endpoint);
            out.flush();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                // Interrupted in-process (a test, an embedding caller): stop like Ctrl-C.
                Thread.currentThread().interrupt();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(onExit);
                } catch (IllegalStateException e) {
                    // Shutting down already: the hook closes the emulation.
                }
            }
            out.println("local emulation stopped");
        }
        return 0;
    }

    /** Every secret of the file and the environment, read before anything starts: a mistake costs nothing. */
    private Map<String, LocalDatabaseSecrets.Secret> secrets() {
        Map<String, LocalDatabaseSecrets.Secret> secrets = new LinkedHashMap<>();
        if (secretsFile != null) {
            secrets.putAll(LocalDatabaseSecrets.fromFile(secretsFile));
        }
        for (String entry : environmentSecrets) {
            String[] nameAndPrefix = entry.split("=", 2);
            if (nameAndPrefix.length != 2 || nameAndPrefix[0].isBlank() || nameAndPrefix[1].isBlank()) {
                throw new IllegalArgumentException("--secret takes NAME=PREFIX (e.g. dms-runbook/shop-source=SHOP_SOURCE), not " + entry);
            }
            secrets.put(nameAndPrefix[0], LocalDatabaseSecrets.fromEnvironment(nameAndPrefix[0], nameAndPrefix[1], System.getenv()));
        }
        return secrets;
    }
}
