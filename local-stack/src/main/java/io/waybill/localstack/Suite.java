package io.waybill.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.infrastructure.broker.EmbeddedBroker;
import io.waybill.infrastructure.keycloak.KeycloakServer;
import io.waybill.infrastructure.postgres.EmbeddedPostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The local stack as an object, for system tests and benchmarks: the same infrastructure, services, ports and
 * demo data as {@code ./run}, started once per JVM from the packaged jars, with the handles a test needs to drive it
 * through public APIs and to inject faults (kill a service, restart it with other settings, stop the broker).
 */
public final class Suite {

    /** Every service, as its name (module, client id, broker identity). */
    public static final List<String> SERVICES = Arrays.stream(WaybillService.values())
            .map(WaybillService::serviceName).toList();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Suite shared;
    private static RuntimeException startFailure;

    private final LocalStack stack;
    private final TraceCollector traces;
    /** The shutdown hook of a suite started by {@link #start}, which {@link #stop()} takes back; null when shared. */
    private final Thread ownShutdownHook;

    private Suite(LocalStack stack, TraceCollector traces) {
        this(stack, traces, null);
    }

    private Suite(LocalStack stack, TraceCollector traces, Thread ownShutdownHook) {
        this.stack = stack;
        this.traces = traces;
        this.ownShutdownHook = ownShutdownHook;
    }

    /**
     * The suite of this JVM, started on first use from the repository the tests run in (found by walking up to the
     * directory holding {@code mvnw}), with a fresh work directory and the demo data loaded.
     */
    public static synchronized Suite shared() {
        if (startFailure != null) {
            throw new IllegalStateException("The suite did not start (see the first failing test)", startFailure);
        }
        if (shared == null) {
            LocalStackLogging.configure();
            Path root = repositoryRoot();
            TraceCollector traces = TraceCollector.start();
            LocalStack stack = new LocalStack(new StackOptions(false, java.util.Set.of(), true, false), root,
                    root.resolve("system-tests/target/suite"), deployedLike(traces));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.stop();
                traces.close();
            }, "suite-shutdown"));
            try {
                stack.start();
            } catch (RuntimeException e) {
                startFailure = e;
                stack.stop();
                throw e;
            }
            shared = new Suite(stack, traces);
        }
        return shared;
    }

    /**
     * A suite of the caller's own, for a benchmark or a tool rather than the tests: the same infrastructure, services,
     * ports and demo data as {@link #shared()}, started from the packaged jars with a fresh database and broker journal
     * in {@code workDirectory}, and with {@code extraServiceEnvironment} on top of every service's usual settings (the
     * sandbox carrier's timing, for example). Traces are not exported and logs are plain text, as with {@code ./run};
     * {@link #traces()} is null. The ports are fixed, so only one suite runs on a machine at a time.
     * <p>
     * The caller stops it with {@link #stop()}; a shutdown hook stops it on Ctrl-C too.
     */
    public static Suite start(Path workDirectory, Map<String, String> extraServiceEnvironment) {
        LocalStackLogging.configure();
        LocalStack stack = new LocalStack(new StackOptions(false, java.util.Set.of(), true, false), repositoryRoot(),
                workDirectory, extraServiceEnvironment);
        Thread hook = new Thread(stack::stop, "suite-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stack.start();
        } catch (RuntimeException e) {
            stack.stop();
            throw e;
        }
        return new Suite(stack, null, hook);
    }

    /**
     * Stops every process and server of a suite started by {@link #start}. Idempotent. The shared suite belongs to
     * every test of the JVM and stops only with it.
     */
    public void stop() {
        if (ownShutdownHook == null) {
            throw new IllegalStateException("The shared suite stops when the JVM ends");
        }
        stack.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(ownShutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // Called from another shutdown hook: ours runs too, and finds the stack stopped.
        }
    }

    /**
     * Settings a deployment has and a developer's {@code ./run} does not: every span exported (to the suite's own
     * collector, over OTLP/HTTP) and logs as JSON lines, so tests can read them as an SRE's tools would.
     */
    private static Map<String, String> deployedLike(TraceCollector traces) {
        return Map.of(
                "OTLP_ENDPOINT", traces.endpoint(),
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms",
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
    }

    /** The spans every service exported to the suite's collector. */
    public TraceCollector traces() {
        return traces;
    }

    public String url(String service) {
        return service(service).baseUrl();
    }

    /** A client-credentials token of a realm client (a service, partner or channel), with its default scopes. */
    public String clientToken(String clientId) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", LocalCredentials.clientSecret(clientId)));
    }

    /** A demo user's token through one of the realm's public demo clients (waybill-portal, waybill-ops). */
    public String userToken(String clientId, String username) {
        return token(Map.of("grant_type", "password", "client_id", clientId, "username", username,
                "password", LocalCredentials.password(username)));
    }

    private String token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.keycloak().tokenUrl()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + form.get("client_id") + ": "
                        + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills a service the hard way (SIGKILL): no shutdown hook, no flush, as a crashed pod. */
    public void kill(String service) {
        stack.kill(service(service));
    }

    /** Stops the service if it runs, and starts it again with extra environment; returns once it is ready. */
    public void restart(String service, Map<String, String> extraEnvironment) {
        stack.relaunch(service(service), extraEnvironment);
    }

    /** A JDBC connection to the service's own database, for asserting what a test cannot see through an API. */
    public Connection database(String service) throws SQLException {
        EmbeddedPostgresServer postgres = stack.postgres();
        return DriverManager.getConnection(postgres.jdbcUrl(service(service).database()),
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
    }

    /**
     * The service's running JVM, a child process of this one (to read its memory or start time, for example), or
     * empty while it does not run.
     */
    public java.util.Optional<ProcessHandle> process(String service) {
        String runJar = "/services/" + service(service).serviceName() + "/quarkus-app/quarkus-run.jar";
        return ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .filter(child -> child.info().arguments()
                        .map(arguments -> Arrays.stream(arguments).anyMatch(argument -> argument.endsWith(runJar)))
                        .orElse(false))
                .findFirst();
    }

    public EmbeddedBroker broker() {
        return stack.broker();
    }

    public KeycloakServer keycloak() {
        return stack.keycloak();
    }

    public Path logFile(String service) {
        return stack.logFile(service(service));
    }

    /**
     * A directory the stand-ins for partners share with the services (ServiceEnvironment), e.g. the file-exchange
     * 3PL's {@code northwind-3pl/outbound} where order-service writes its releases.
     */
    public Path partnerDirectory(String relative) {
        return stack.workDirectory().resolve(relative);
    }

    /**
     * The release references the acme-3pl stand-in (WH-BERLIN's REST 3PL) has taken in, oldest first, each once:
     * what acme was sent, as its own API received it. Empty if the stand-in could not start (its port was taken).
     */
    public List<String> acme3plReleases() {
        return stack.acme3plReleases();
    }

    private static WaybillService service(String name) {
        return Arrays.stream(WaybillService.values()).filter(s -> s.serviceName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name + "; services: " + SERVICES));
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Run from inside the Waybill repository (no mvnw found above "
                    + Path.of("").toAbsolutePath() + ")");
        }
        return dir;
    }
}
