package io.waybill.infrastructure.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real Keycloak with the Waybill realm, run from its Maven Central distribution as a child process on loopback.
 * <p>
 * Every start imports {@code keycloak/waybill-realm.json} afresh (the previous H2 database is discarded), so the
 * file in the repository is the single truth about clients, scopes and demo users. Keycloak runs in its
 * development mode ({@code start-dev}: HTTP, H2, local caches) with health checks on its management port, its heap
 * capped and its temporary files inside the work directory. {@link #stop()} ends the whole process tree; a JVM
 * shutdown hook does the same if the owner never gets to call it.
 */
public final class KeycloakServer implements AutoCloseable {

    /** The realm every Waybill token comes from. */
    public static final String REALM = "waybill";
    /** Keycloak 26 does not start on anything older. */
    public static final int MINIMUM_JAVA = 21;
    /** The local-only administrator of the master realm (admin console at {@code /admin}). */
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "local-dev-only-admin";

    private static final System.Logger LOG = System.getLogger(KeycloakServer.class.getName());
    private static final String REALM_RESOURCE = "/keycloak/waybill-realm.json";
    /** The first start augments the distribution (about 45 s alone, far more on a busy 2-core machine). */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** Marks a distribution whose first start (which augments it) completed. */
    private static final String STARTED_ONCE = ".waybill-started-once";

    private final Process process;
    private final Path home;
    private final boolean firstStart;
    private final int httpPort;
    private final Path logFile;
    /** Holds the work directory's lock for as long as this server runs. */
    private final FileChannel lockChannel;
    private final Thread shutdownHook;
    private volatile boolean ready;
    private boolean stopped;

    private KeycloakServer(Process process, Path home, int httpPort, Path logFile, FileChannel lockChannel) {
        this.process = process;
        this.home = home;
        this.firstStart = !Files.exists(home.resolve(STARTED_ONCE));
        this.httpPort = httpPort;
        this.logFile = logFile;
        this.lockChannel = lockChannel;
        this.shutdownHook = new Thread(this::stop, "keycloak-shutdown");
    }

    /**
     * Starts Keycloak and returns once the {@value #REALM} realm answers.
     *
     * @param workDir where the distribution is unpacked (and reused by later starts), plus its log and temp files
     * @param httpPort the loopback port for OIDC and the admin console, or 0 for any free port
     */
    public static KeycloakServer start(Path workDir, int httpPort) {
        Path work = workDir.toAbsolutePath();
        Instant begin = Instant.now();
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(work);
            lockChannel = FileChannel.open(work.resolve("keycloak.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lockExclusively(lockChannel, work);
            Path javaHome = JavaRuntime.homeOfAtLeast(MINIMUM_JAVA);
            Path home = KeycloakDistribution.unpackedInto(work);
            importRealmOnNextStart(home);
            Path tmp = Files.createDirectories(work.resolve("tmp"));
            Path logFile = work.resolve("keycloak.log");
            int port = httpPort == 0 ? freePort() : httpPort;
            int managementPort = freePort();

            ProcessBuilder builder = new ProcessBuilder(List.of(
                    home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1",
                    "--http-port=" + port,
                    "--http-management-port=" + managementPort,
                    "--health-enabled=true",
                    "--import-realm"))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            Map<String, String> env = builder.environment();
            // Settings meant for us (a developer's JAVA_OPTS, KC_DB, QUARKUS_HTTP_PORT...) must not reconfigure it.
            env.keySet().removeIf(name -> name.equals("JAVA_OPTS") || name.startsWith("KC_") || name.startsWith("QUARKUS_"));
            env.put("JAVA_HOME", javaHome.toString());
            env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            env.put("JAVA_OPTS_APPEND", "-Djava.io.tmpdir=" + tmp);
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);

            LOG.log(Level.INFO, "Starting Keycloak {0} on http://127.0.0.1:{1,number,#} with {2} (log: {3})",
                    KeycloakDistribution.VERSION, port, javaHome, logFile);
            KeycloakServer server = new KeycloakServer(builder.start(), home, port, logFile, lockChannel);
            server.guardAgainstOrphaning();
            try {
                server.awaitReady(managementPort);
            } catch (RuntimeException e) {
                server.stop();
                throw e;
            }
            server.ready = true;
            if (server.firstStart) {
                Files.createFile(home.resolve(STARTED_ONCE));
            }
            LOG.log(Level.INFO, "Keycloak ready in {0,number,#} s: {1}",
                    Duration.between(begin, Instant.now()).toSeconds(), server.issuerUrl());
            return server;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new UncheckedIOException("Cannot start Keycloak in " + work, e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    /** The issuer of Waybill tokens, what services configure as {@code quarkus.oidc.auth-server-url}. */
    public String issuerUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    /** The OAuth 2.0 token endpoint of the Waybill realm. */
    public String tokenUrl() {
        return issuerUrl() + "/protocol/openid-connect/token";
    }

    /** Keycloak's root URL; the admin console is at {@code /admin}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int port() {
        return httpPort;
    }

    public Path logFile() {
        return logFile;
    }

    /** Stops Keycloak and every process it spawned; returns once none is left. Safe to call more than once. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // We are the hook, or the JVM is exiting anyway: either way the tree is ended below.
        }
        destroyTree(process.toHandle());
        if (firstStart && !ready) {
            discardHalfBuiltDistribution();
        }
        closeQuietly(lockChannel);
        LOG.log(Level.INFO, "Keycloak stopped");
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * The first start augments the distribution in place; stopped halfway (Ctrl-C, a timeout) it may leave a build
     * that later starts trip over. Unpacking afresh next time costs seconds; a corrupt build costs an afternoon.
     */
    private void discardHalfBuiltDistribution() {
        try {
            KeycloakDistribution.deleteRecursively(home);
            LOG.log(Level.INFO, "Keycloak was stopped during its first start; its distribution will be unpacked again");
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not discard the half-built Keycloak in " + home + "; delete it by hand", e);
        }
    }

    private void guardAgainstOrphaning() {
        try {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            stop();
            throw new IllegalStateException("The JVM is shutting down; Keycloak was stopped again at once");
        }
    }

    private void awaitReady(int managementPort) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
        // Readiness covers the server; the realm import is checked separately through the realm's discovery document.
        URI discovery = URI.create(issuerUrl() + "/.well-known/openid-configuration");
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        boolean healthy = false;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with status " + process.exitValue()
                        + " before it was ready; last lines of " + logFile + ":\n" + tail(logFile, 40));
            }
            healthy = healthy || answersOk(http, health);
            if (healthy && answersOk(http, discovery)) {
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("Keycloak was not ready within " + STARTUP_TIMEOUT.toSeconds()
                + " s; last lines of " + logFile + ":\n" + tail(logFile, 40));
    }

    private static boolean answersOk(HttpClient http, URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
        }
    }

    /**
     * Puts the realm where {@code --import-realm} looks and drops the H2 database of an earlier run: Keycloak never
     * re-imports a realm that already exists.
     */
    private static void importRealmOnNextStart(Path home) throws IOException {
        KeycloakDistribution.deleteRecursively(home.resolve("data/h2"));
        Path importDir = Files.createDirectories(home.resolve("data/import"));
        try (InputStream realm = KeycloakServer.class.getResourceAsStream(REALM_RESOURCE)) {
            if (realm == null) {
                throw new IllegalStateException(REALM_RESOURCE + " is missing from the classpath");
            }
            Files.copy(realm, importDir.resolve("waybill-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** One Keycloak per work directory: two would wipe each other's database. */
    private static void lockExclusively(FileChannel channel, Path work) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            lock = null;
        }
        if (lock == null) {
            throw new IllegalStateException("Another Keycloak is already running from " + work);
        }
    }

    /**
     * Ends a process and all its descendants. kc.sh forwards SIGTERM to its Java child and waits for it, but the
     * descendants are collected first so that nothing survives even if the script dies before forwarding.
     */
    static void destroyTree(ProcessHandle root) {
        List<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants()).toList();
        tree.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(STOP_GRACE);
        for (ProcessHandle handle : tree) {
            long remainingMillis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            try {
                handle.onExit().get(remainingMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.log(Level.WARNING, "Process {0,number,#} ignored SIGTERM for {1} s; killing it",
                        handle.pid(), STOP_GRACE.toSeconds());
                handle.destroyForcibly();
            } catch (ExecutionException e) {
                handle.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                tree.forEach(ProcessHandle::destroyForcibly);
                return;
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path file, int lines) {
        try (Stream<String> all = Files.lines(file)) {
            List<String> content = all.toList();
            return String.join("\n", content.subList(Math.max(0, content.size() - lines), content.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing the channel only releases our advisory lock.
        }
    }
}
