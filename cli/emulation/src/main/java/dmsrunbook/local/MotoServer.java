package dmsrunbook.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A moto server process (pinned in {@code cli/setup/requirements.txt}) with its Step Functions interpreter switched
 * on, so real ASL definitions execute. moto's interpreter calls Lambda at {@code localhost:$MOTO_PORT}: that port
 * is the {@link LocalLambdaGateway}'s, which runs the Java handlers and forwards everything else here.
 */
public final class MotoServer implements AutoCloseable {

    /** The moto version the emulation was written against; 5.2.1 fails a 2nd StartExecution. */
    public static final String PINNED_VERSION = "5.2.5";

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Starts moto on a free port; {@code lambdaPort} is where its interpreter sends Lambda Invoke calls. */
    public static MotoServer start(int lambdaPort) {
        Path executable = findExecutable();
        int port = FreePorts.next();
        try {
            Path log = Files.createTempFile("moto-" + port + "-", ".log");
            List<String> command = new ArrayList<>(List.of(executable.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port)));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("MOTO_PORT", String.valueOf(lambdaPort));
            builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
            builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
            builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
            Process process = builder.start();
            MotoServer moto = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
            Runtime.getRuntime().addShutdownHook(new Thread(moto::close));
            moto.awaitReady();
            moto.post("/moto-api/config", "{\"stepfunctions\": {\"execute_state_machine\": true}}");
            return moto;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start moto_server: " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public Path log() {
        return log;
    }

    /** Forgets every resource, as a fresh server would (moto's reset API). */
    public void reset() {
        post("/moto-api/reset", "");
        post("/moto-api/config", "{\"stepfunctions\": {\"execute_state_machine\": true}}");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited: " + tail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() < 500) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting moto", e);
            }
            sleep(100);
        }
        throw new IllegalStateException("moto_server did not start within 60 s: " + tail());
    }

    private void post(String path, String body) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("moto " + path + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code DMS_RUNBOOK_MOTO_SERVER}, else the project's own virtualenv ({@code cli/setup/install-deps} makes it),
     * else {@code moto_server} on PATH.
     */
    static Path findExecutable() {
        String configured = System.getenv("DMS_RUNBOOK_MOTO_SERVER");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path venv = ToolHome.venv().resolve("bin/moto_server");
        if (Files.isExecutable(venv)) {
            return venv;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "moto_server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("moto_server " + PINNED_VERSION + " not found. Run cli/setup/install-deps "
                + "(it installs the pinned moto[server] into " + ToolHome.venv() + ").");
    }
}
