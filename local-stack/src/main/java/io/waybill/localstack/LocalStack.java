package io.waybill.localstack;

import io.waybill.infrastructure.broker.EmbeddedBroker;
import io.waybill.infrastructure.keycloak.JavaRuntime;
import io.waybill.infrastructure.keycloak.KeycloakServer;
import io.waybill.infrastructure.postgres.EmbeddedPostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The whole Waybill suite on one machine, without containers: a real PostgreSQL with one database per service,
 * Artemis with Waybill's broker topology, Keycloak with the Waybill realm, and every service from its packaged
 * fast-jar on a fixed loopback port. {@code --infra-only} leaves the services out, for Quarkus dev mode;
 * {@code --without=<service>} leaves out only the services a developer runs in dev mode against the rest.
 * <p>
 * Everything it starts is a child process or lives in this JVM, and a shutdown hook stops all of it on Ctrl-C, in
 * reverse order of start. Runtime files live in {@code .local-stack/} at the repository root (ignored by git):
 * data survives a restart; {@code --fresh} discards it.
 */
public final class LocalStack {

    static final int POSTGRES_PORT = 15432;
    static final int AMQP_PREFERRED_PORT = 5672;
    static final int KEYCLOAK_PORT = 8180;
    private static final Duration SERVICE_READY_TIMEOUT = Duration.ofMinutes(3);

    private final StackOptions options;
    private final Path root;
    private final Path work;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private EmbeddedPostgresServer postgres;
    private EmbeddedBroker broker;
    private volatile CompletableFuture<KeycloakServer> keycloakStart;
    private volatile KeycloakServer keycloak;
    private volatile Acme3plStandIn acme3pl;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Map<String, String> stackEnvironment;
    private boolean stopping;

    LocalStack(StackOptions options, Path root) {
        this(options, root, root.resolve(".local-stack"));
    }

    /** A stack with its runtime files in {@code work} (a system test keeps them under its own target/). */
    LocalStack(StackOptions options, Path root, Path work) {
        this(options, root, work, Map.of());
    }

    /**
     * A stack whose every service also gets {@code stackEnvironment}, on top of its usual settings: a system test
     * exports traces to its own collector and writes JSON logs, as a deployment does.
     */
    LocalStack(StackOptions options, Path root, Path work, Map<String, String> stackEnvironment) {
        this.options = options;
        this.root = root.toAbsolutePath().normalize();
        this.work = work.toAbsolutePath().normalize();
        this.stackEnvironment = Map.copyOf(stackEnvironment);
    }

    public static void main(String[] args) {
        LocalStackLogging.configure();
        StackOptions options;
        try {
            options = StackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(StackOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(StackOptions.USAGE);
            return;
        }
        LocalStack stack = new LocalStack(options, Path.of(System.getProperty("waybill.root", "")));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("The local stack could not start: " + e.getMessage());
            System.exit(1);
        }
        stack.awaitStop();
    }

    void start() {
        Instant begin = Instant.now();
        Map<WaybillService, Path> jars = packaged(options.servicesToRun());
        requireFree(POSTGRES_PORT, "PostgreSQL");
        requireFree(KEYCLOAK_PORT, "Keycloak");
        if (options.infraOnly()) {
            requireFree(AMQP_PREFERRED_PORT, "Artemis (the services' %dev profiles expect it there)");
        }
        jars.keySet().forEach(service -> requireFree(service.port(), service.serviceName()));

        prepareWorkDirectory();
        // Keycloak takes longest (12 s, 45 s on its very first start): it boots while PostgreSQL and Artemis do.
        boolean keycloakNeverStarted = !Files.exists(work.resolve("keycloak"));
        keycloakStart = CompletableFuture.supplyAsync(() -> KeycloakServer.start(work.resolve("keycloak"), KEYCLOAK_PORT));
        startPostgres();
        startBroker();
        awaitKeycloak(keycloakStart, keycloakNeverStarted);
        startAcme3plStandIn();

        Map<WaybillService, Path> envFiles = writeEnvironmentFiles();
        if (!jars.isEmpty()) {
            startServices(jars);
        }
        if (!options.infraOnly()) {
            loadDemoDataOnce();
        }
        printInfrastructure();
        if (!services.isEmpty()) {
            printServices();
            printTokenRecipes();
        }
        if (!options.servicesInDevMode().isEmpty()) {
            printDevModeInstructions(options.servicesInDevMode(), envFiles);
        }
        System.out.printf("%nUp in %d s. Press Ctrl-C to stop everything.%n", Duration.between(begin, Instant.now()).toSeconds());
    }

    EmbeddedPostgresServer postgres() {
        return postgres;
    }

    EmbeddedBroker broker() {
        return broker;
    }

    KeycloakServer keycloak() {
        return keycloak;
    }

    Path workDirectory() {
        return work;
    }

    Path logFile(WaybillService service) {
        return work.resolve("logs").resolve(service.serviceName() + ".log");
    }

    /** Kills a running service with SIGKILL, as a crashed pod, for tests of what survives a crash. */
    synchronized void kill(WaybillService service) {
        running(service).ifPresent(process -> {
            process.kill();
            services.remove(process);
        });
    }

    /**
     * Stops the service if it runs and starts it again from its packaged jar, with {@code extraEnvironment} on top
     * of its usual settings (a fault to inject, a shorter interval); returns once it is ready.
     */
    void relaunch(WaybillService service, Map<String, String> extraEnvironment) {
        ServiceProcess relaunched;
        synchronized (this) {
            running(service).ifPresent(process -> {
                process.stop();
                services.remove(process);
            });
            relaunched = launch(service, JavaRuntime.javaOfAtLeast(Runtime.version().feature()),
                    service.fastJar(root), extraEnvironment);
        }
        awaitAllReady(new ArrayList<>(List.of(relaunched)));
    }

    private java.util.Optional<ServiceProcess> running(WaybillService service) {
        return services.stream().filter(p -> p.service() == service).findFirst();
    }

    /** What the acme-3pl stand-in has taken in (release references, oldest first); empty when it does not run. */
    List<String> acme3plReleases() {
        Acme3plStandIn standIn = acme3pl;
        return standIn == null ? List.of() : standIn.releasesTakenIn();
    }

    /** Stops every service and server this stack started, newest first. Idempotent; runs from the shutdown hook. */
    synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        System.out.println();
        System.out.println("Stopping the local stack...");
        services.parallelStream().forEach(service -> quietly("stop " + service.service().serviceName(), service::stop));
        if (acme3pl != null) {
            quietly("stop the acme-3pl stand-in", acme3pl::close);
        }
        KeycloakServer kc = keycloak != null ? keycloak : keycloakStartedMeanwhile();
        if (kc != null) {
            quietly("stop Keycloak", kc::stop);
        }
        if (broker != null) {
            quietly("stop Artemis", broker::stop);
        }
        if (postgres != null) {
            quietly("stop PostgreSQL", postgres::stop);
        }
        System.out.println("Stopped; nothing of the local stack is left running.");
        stopped.countDown();
    }

    /**
     * A Keycloak start still in progress is ended by Keycloak's own shutdown hook; wait for that, so that "nothing
     * left running" is true when we say it.
     */
    private KeycloakServer keycloakStartedMeanwhile() {
        CompletableFuture<KeycloakServer> pending = keycloakStart;
        if (pending == null) {
            return null;
        }
        try {
            return pending.get(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return null;
        }
    }

    void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The fast-jar of each given service, or a clear failure naming the ones that were never built. */
    private Map<WaybillService, Path> packaged(java.util.Set<WaybillService> wanted) {
        Map<WaybillService, Path> jars = wanted.stream()
                .collect(Collectors.toMap(s -> s, s -> s.fastJar(root), (a, b) -> a, () -> new java.util.EnumMap<>(WaybillService.class)));
        List<String> missing = jars.entrySet().stream()
                .filter(e -> !Files.isRegularFile(e.getValue()))
                .map(e -> root.relativize(e.getValue()).toString())
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("These services are not packaged: " + String.join(", ", missing)
                    + ". Build them first: ./mvnw -DskipTests install (./run does that for you)");
        }
        return jars;
    }

    /** Creates the work directory; with --fresh, forgets the data of earlier runs. */
    private void prepareWorkDirectory() {
        try {
            Files.createDirectories(work);
            if (options.fresh()) {
                deleteRecursively(work.resolve("postgres"));
                deleteRecursively(work.resolve("artemis"));
                // The sandbox carriers' parcels and the 3PL's files belong to the orders in the old database: kept,
                // they would come back as webhooks and files about orders no one knows.
                for (String partnerData : ServiceEnvironment.PARTNER_DATA) {
                    deleteRecursively(work.resolve(partnerData));
                }
            }
            if (!Files.exists(work.resolve("postgres"))) {
                // A new database has no demo data, whatever an earlier run loaded into the old one.
                Files.deleteIfExists(demoDataMarker());
            }
            deleteRecursively(work.resolve("env"));
            deleteRecursively(work.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + work, e);
        }
    }

    /**
     * Loads the demo data into a database that has not had it yet. Stock receipts add up, so loading twice would
     * double the stock; a marker beside the database remembers that it was done.
     */
    private void loadDemoDataOnce() {
        if (Files.exists(demoDataMarker())) {
            System.out.println("Kept the data of the previous run (./run --fresh starts over with the demo data).");
            return;
        }
        step("Loading demo data through the services' APIs", () -> {
            DemoData.Outcome outcome = new DemoData(keycloak.tokenUrl()).load();
            outcome.notes().forEach(note -> System.out.println("  " + note));
            try {
                Files.writeString(demoDataMarker(), outcome.summary() + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + demoDataMarker(), e);
            }
            return outcome.summary();
        });
    }

    private Path demoDataMarker() {
        return work.resolve("demo-data.loaded");
    }

    private synchronized void startPostgres() {
        ensureNotStopping();
        List<String> databases = Arrays.stream(WaybillService.values()).map(WaybillService::database).toList();
        step("Starting PostgreSQL on 127.0.0.1:" + POSTGRES_PORT, () -> {
            postgres = EmbeddedPostgresServer.start(work.resolve("postgres"), POSTGRES_PORT);
            databases.forEach(postgres::createDatabase);
            return "databases " + String.join(", ", databases);
        });
    }

    private synchronized void startBroker() {
        ensureNotStopping();
        // quarkus:dev reads the fixed port from each service's %dev profile, so without services of its own the
        // stack must have it; with them, it hands them whichever port it took.
        int port;
        if (options.infraOnly()) {
            requireFree(AMQP_PREFERRED_PORT, "Artemis (the services' %dev profiles expect it there)");
            port = AMQP_PREFERRED_PORT;
        } else {
            port = firstFreePort(AMQP_PREFERRED_PORT);
        }
        step("Starting Artemis (AMQP 1.0) on 127.0.0.1:" + port, () -> {
            // Each service signs in with its own identity, allowed only on its own streams, as in production.
            broker = EmbeddedBroker.startSecured(work.resolve("artemis"), port);
            return port == AMQP_PREFERRED_PORT ? "" : AMQP_PREFERRED_PORT + " was taken";
        });
    }

    private void awaitKeycloak(CompletableFuture<KeycloakServer> start, boolean neverStarted) {
        String firstTime = neverStarted ? " (its first start unpacks and builds it: about a minute)" : "";
        step("Starting Keycloak on 127.0.0.1:" + KEYCLOAK_PORT + firstTime, () -> {
            try {
                KeycloakServer started = start.join();
                synchronized (this) {
                    keycloak = started;
                    if (stopping) {
                        started.stop();
                    }
                }
                return "realm " + KeycloakServer.REALM + ", log " + root.relativize(started.logFile());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        });
    }

    private void startServices(Map<WaybillService, Path> jars) {
        Path java = JavaRuntime.javaOfAtLeast(Runtime.version().feature());
        step("Starting " + jars.size() + " services", () -> {
            for (Map.Entry<WaybillService, Path> entry : jars.entrySet()) {
                launch(entry.getKey(), java, entry.getValue(), Map.of());
            }
            List<ServiceProcess> starting;
            synchronized (this) {
                starting = new ArrayList<>(services);
            }
            awaitAllReady(starting);
            return "all ready, logs in " + root.relativize(work.resolve("logs"));
        });
    }

    /** All boot at once; the first to die fails the start at once, with its log, rather than after the others. */
    private static void awaitAllReady(List<ServiceProcess> starting) {
        Instant deadline = Instant.now().plus(SERVICE_READY_TIMEOUT);
        while (!starting.isEmpty()) {
            starting.removeIf(ServiceProcess::isReady);
            if (starting.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Not ready within " + SERVICE_READY_TIMEOUT.toSeconds() + " s: "
                        + starting.stream().map(s -> s.service().serviceName() + " (log " + s.logFile() + ")")
                        .collect(Collectors.joining(", ")));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the services", e);
            }
        }
    }

    private synchronized ServiceProcess launch(WaybillService service, Path java, Path jar, Map<String, String> extraEnvironment) {
        ensureNotStopping();
        Map<String, String> env = new java.util.LinkedHashMap<>(environment(service));
        // Human-readable logs for a developer, and no trace export unless a collector was configured.
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        if (System.getenv("OTLP_ENDPOINT") == null && !stackEnvironment.containsKey("OTLP_ENDPOINT")) {
            env.put("QUARKUS_OTEL_SDK_DISABLED", "true");
        }
        env.putAll(stackEnvironment);
        Path serviceDir = work.resolve("services").resolve(service.serviceName());
        // Run a snapshot of the build, so rebuilding the module while the stack is up cannot pull jars from under it.
        Path snapshot = AppSnapshot.of(jar.getParent(), serviceDir.resolve("quarkus-app"));
        env.putAll(extraEnvironment);
        ServiceProcess process = ServiceProcess.launch(service, java, snapshot, env, serviceDir, logFile(service));
        services.add(process);
        return process;
    }

    private Map<WaybillService, Path> writeEnvironmentFiles() {
        Map<WaybillService, Path> files = new java.util.EnumMap<>(WaybillService.class);
        try {
            Path dir = Files.createDirectories(work.resolve("env"));
            for (WaybillService service : WaybillService.values()) {
                Path file = dir.resolve(service.serviceName() + ".env");
                String content = environment(service).entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("\n", "# " + service.serviceName() + " against the local stack (./run --infra-only)\n", "\n"));
                Files.writeString(file, content);
                files.put(service, file);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the service environment files", e);
        }
    }

    /**
     * WH-BERLIN's 3PL (acme-3pl) answers releases locally, so an order routed there is acknowledged, picked, packed
     * and shipped as it would be by acme. A port already taken (another stack) only costs the stand-in.
     */
    private void startAcme3plStandIn() {
        if (!isFree(Acme3plStandIn.PORT)) {
            System.out.printf("  Port %d is taken: no acme-3pl stand-in, releases to WH-BERLIN wait and retry.%n",
                    Acme3plStandIn.PORT);
            return;
        }
        acme3pl = Acme3plStandIn.start(Acme3plStandIn.PORT, URI.create(WaybillService.ORDER.baseUrl()),
                URI.create(keycloak.tokenUrl()), Duration.ofSeconds(3));
    }

    private Map<String, String> environment(WaybillService service) {
        return new ServiceEnvironment(postgres.port(), broker.port(), keycloak.baseUrl(), work).of(service);
    }

    private void printInfrastructure() {
        System.out.println();
        System.out.println("Infrastructure");
        System.out.printf("  PostgreSQL   postgresql://127.0.0.1:%d   user %s, password %s; databases %s%n", postgres.port(),
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD,
                Arrays.stream(WaybillService.values()).map(WaybillService::database).collect(Collectors.joining(", ")));
        System.out.printf("  Artemis      amqp://127.0.0.1:%d%n", broker.port());
        System.out.printf("  Keycloak     %s   admin console %s/admin (%s / %s)%n", keycloak.issuerUrl(), keycloak.baseUrl(),
                KeycloakServer.ADMIN_USERNAME, KeycloakServer.ADMIN_PASSWORD);
        if (acme3pl != null) {
            System.out.printf("  acme-3pl     http://127.0.0.1:%d/acme   stand-in for WH-BERLIN's 3PL: ships every release%n",
                    acme3pl.port());
        }
    }

    private void printServices() {
        System.out.println();
        System.out.println("Services (OpenAPI at /q/openapi, health at /q/health)");
        for (ServiceProcess service : services) {
            System.out.printf("  %-18s %s   log %s%n", service.service().serviceName(), service.service().baseUrl(),
                    root.relativize(service.logFile()));
        }
    }

    private void printTokenRecipes() {
        String extract = " | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')";
        System.out.println();
        System.out.println("Get a token (every credential below is local-development only)");
        System.out.println("  # the sales channel webshop: orders.write orders.read inventory.read");
        System.out.printf("  TOKEN=$(curl -s %s -d grant_type=client_credentials -d client_id=webshop -d client_secret=%s%s%n",
                keycloak.tokenUrl(), LocalCredentials.clientSecret("webshop"), extract);
        System.out.println("  # the customer user alice (customer CUST-ACME): portal.customer");
        System.out.printf("  TOKEN=$(curl -s %s -d grant_type=password -d client_id=waybill-portal -d username=alice -d password=%s%s%n",
                keycloak.tokenUrl(), LocalCredentials.password("alice"), extract);
        System.out.println("  # then, for example");
        System.out.printf("  curl -H \"Authorization: Bearer $TOKEN\" %s/q/health%n", WaybillService.ORDER.baseUrl());
    }

    private void printDevModeInstructions(java.util.Set<WaybillService> devMode, Map<WaybillService, Path> envFiles) {
        WaybillService example = devMode.contains(WaybillService.ORDER) ? WaybillService.ORDER : devMode.iterator().next();
        System.out.println();
        System.out.println("Run " + (devMode.size() == 1 ? "the service" : "a service") + " in Quarkus dev mode against this stack, in another terminal:");
        System.out.println();
        environment(example).forEach((name, value) -> System.out.printf("  export %s=%s%n", name, value));
        System.out.printf("  ./mvnw -pl %s quarkus:dev%n", example.serviceName());
        if (devMode.size() > 1) {
            System.out.println();
            System.out.println("The same settings for each service, ready to source:");
            devMode.forEach(service -> System.out.printf("  set -a; . %s; set +a; ./mvnw -pl %s quarkus:dev%n",
                    root.relativize(envFiles.get(service)), service.serviceName()));
        }
    }

    private synchronized void ensureNotStopping() {
        if (stopping) {
            throw new IllegalStateException("stopping");
        }
    }

    /** Runs one start-up step and reports it on one line with its duration. */
    private static void step(String what, java.util.function.Supplier<String> action) {
        // Whole lines only: the embedded servers may log a warning while a step runs.
        System.out.println(what + " ...");
        Instant begin = Instant.now();
        String detail = action.get();
        double seconds = Duration.between(begin, Instant.now()).toMillis() / 1000.0;
        System.out.printf("  done in %.1f s%s%n", seconds, detail == null || detail.isBlank() ? "" : ": " + detail);
    }

    private static void quietly(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            System.err.println("Could not " + what + ": " + e.getMessage());
        }
    }

    private static void requireFree(int port, String owner) {
        if (!isFree(port)) {
            throw new IllegalStateException("Port " + port + " for " + owner + " is in use. Is another local stack "
                    + "running? (ss -ltnp 'sport = :" + port + "' shows who holds it)");
        }
    }

    private static int firstFreePort(int preferred) {
        for (int port = preferred; port < preferred + 100; port++) {
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port in " + preferred + ".." + (preferred + 99));
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
