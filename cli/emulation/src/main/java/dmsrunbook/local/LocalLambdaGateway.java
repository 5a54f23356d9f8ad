package dmsrunbook.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The single local AWS endpoint: answers Lambda {@code Invoke} by running the registered Java handler in-process,
 * exactly as the Lambda Java runtime would (stream in, stream out, unhandled errors as {@code errorType} +
 * {@code errorMessage} with {@code X-Amz-Function-Error}); lets {@link Interceptor}s answer what moto lacks; and
 * forwards every other request to moto unchanged.
 */
public final class LocalLambdaGateway implements AutoCloseable {

    private static final Pattern INVOKE = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations$");
    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-authorization", "proxy-authenticate");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Supplier<RequestStreamHandler>> functions = new ConcurrentHashMap<>();
    private final Map<String, RequestStreamHandler> instances = new ConcurrentHashMap<>();
    private final List<Interceptor> interceptors = new CopyOnWriteArrayList<>();
    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private volatile URI upstream;

    private LocalLambdaGateway(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Binds a free loopback port; call {@link #forwardTo} once moto runs. */
    public static LocalLambdaGateway start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePorts.next()), 64);
            ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "local-aws-gateway");
                thread.setDaemon(true);
                return thread;
            });
            LocalLambdaGateway gateway = new LocalLambdaGateway(server, threads);
            server.createContext("/", gateway::handle);
            server.setExecutor(threads);
            server.start();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the local AWS gateway", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public void forwardTo(URI upstream) {
        this.upstream = upstream;
    }

    /** Registers a function; the handler is built on first invoke and kept, like a warm Lambda sandbox. */
    public void register(String functionName, Supplier<RequestStreamHandler> handler) {
        functions.put(functionName, handler);
        instances.remove(functionName);
    }

    public void addInterceptor(Interceptor interceptor) {
        interceptors.add(interceptor);
    }

    /** Every Lambda invocation so far, in order: what the state machine called and what it got back. */
    public List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            try {
                response = respond(exchange);
            } catch (RuntimeException e) {
                // Answered before the exchange closes, so the client sees what broke instead of a dropped connection.
                response = new Response(500, Map.of("Content-Type", "text/plain"),
                        ("local gateway error: " + e).getBytes(StandardCharsets.UTF_8));
            }
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    private Response respond(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
                exchange.getRequestHeaders().entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toLowerCase(), e -> e.getValue().get(0), (a, b) -> a)),
                body);
        Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getRawPath());
        if (invoke.matches() && "POST".equals(request.method())) {
            return invoke(URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8), body);
        }
        return intercept(request).orElseGet(() -> forward(request));
    }

    private Optional<Response> intercept(Request request) {
        for (Interceptor interceptor : interceptors) {
            Optional<Response> response = interceptor.intercept(request, this::forward);
            if (response.isPresent()) {
                return response;
            }
        }
        return Optional.empty();
    }

    private Response invoke(String functionRef, byte[] payload) {
        String name = functionName(functionRef);
        Supplier<RequestStreamHandler> factory = functions.get(name);
        if (factory == null) {
            return new Response(404, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "ResourceNotFoundException"),
                    ("{\"Type\":\"User\",\"Message\":\"Function not found: " + name + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        RequestStreamHandler handler = instances.computeIfAbsent(name, n -> factory.get());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String requestId = UUID.randomUUID().toString();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload), out, new LocalLambdaContext(name, requestId));
            invocations.add(new Invocation(name, new String(payload, StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8), null));
            return new Response(200, Map.of("Content-Type", "application/json", "X-Amz-Executed-Version", "$LATEST"), out.toByteArray());
        } catch (Throwable error) {
            // What the Java runtime reports for an uncaught exception: its class name and message.
            ObjectNode report = JSON.createObjectNode()
                    .put("errorMessage", String.valueOf(error.getMessage()))
                    .put("errorType", error.getClass().getName());
            var trace = report.putArray("stackTrace");
            for (StackTraceElement element : error.getStackTrace()) {
                trace.add(element.toString());
            }
            invocations.add(new Invocation(name, new String(payload, StandardCharsets.UTF_8), null, error));
            return new Response(200, Map.of("Content-Type", "application/json", "X-Amz-Function-Error", "Unhandled",
                    "X-Amz-Executed-Version", "$LATEST"), report.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Accepts a name, a partial ARN or a full ARN, with or without an alias or version. */
    static String functionName(String reference) {
        String ref = reference;
        int marker = ref.indexOf(":function:");
        if (marker >= 0) {
            ref = ref.substring(marker + ":function:".length());
        }
        int qualifier = ref.indexOf(':');
        return qualifier >= 0 ? ref.substring(0, qualifier) : ref;
    }

    Response forward(Request request) {
        if (upstream == null) {
            throw new IllegalStateException("the gateway has no upstream yet");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(upstream.resolve(request.uri().getRawPath()
                        + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery())))
                .timeout(Duration.ofMinutes(2))
                .method(request.method(), request.body().length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, value) -> {
            if (!HOP_BY_HOP.contains(name)) {
                builder.header(name, value);
            }
        });
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            boolean head = "HEAD".equals(request.method());
            response.headers().map().forEach((name, values) -> {
                // A HEAD answer has no body, so its Content-Length (the object's size) is passed on as it is.
                boolean keep = !HOP_BY_HOP.contains(name.toLowerCase()) || head && name.equalsIgnoreCase("content-length");
                if (keep && !name.startsWith(":")) {
                    headers.put(name, values.get(0));
                }
            });
            return new Response(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("forwarding to moto failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP request as the gateway received it (header names lower-cased). */
    public record Request(String method, URI uri, Map<String, String> headers, byte[] body) {

        /** The JSON-protocol operation, e.g. {@code AmazonDMSv20160101.TestConnection}, or empty. */
        public String target() {
            return headers.getOrDefault("x-amz-target", "");
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An HTTP response to send back. */
    public record Response(int status, Map<String, String> headers, byte[] body) {

        public static Response json(String json) {
            return new Response(200, Map.of("Content-Type", "application/x-amz-json-1.1"), json.getBytes(StandardCharsets.UTF_8));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Answers (or rewrites the answer to) requests moto handles badly or not at all. */
    @FunctionalInterface
    public interface Interceptor {
        Optional<Response> intercept(Request request, java.util.function.Function<Request, Response> moto);
    }

    /** One Lambda invocation: the function, its input, and its output or error. */
    public record Invocation(String function, String input, String output, Throwable error) {
    }
}
