package io.waybill.systemtests;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's first command, as a developer runs it: {@code ./run} brings up PostgreSQL, Artemis, Keycloak, the
 * acme-3pl stand-in and all seven services, says so, and Ctrl-C (SIGINT) stops every process it started and frees
 * every port. It runs in a JVM of its own after the other system tests (see the module's pom), because it needs the
 * fixed ports their shared suite holds.
 */
class TheRunCommandStartsEverythingAndCtrlCLeavesNothingRunningTest {

    /** PostgreSQL, Artemis, Keycloak, the acme-3pl stand-in, then the seven services (io.waybill.localstack). */
    private static final List<Integer> PORTS = List.of(15432, 5672, 8180, 9091, 8081, 8082, 8083, 8084, 8085, 8086, 8087);

    @Test
    void runBringsUpTheWholeSuiteAndCtrlCStopsEverythingItStarted() throws Exception {
        Path root = Repository.root();
        PORTS.forEach(port -> assertTrue(isFree(port), "port " + port + " must be free before ./run starts"));
        markBuildAsCurrent(root);
        Path output = Files.createDirectories(root.resolve("system-tests/target")).resolve("run-command.log");

        Process run = new ProcessBuilder("./run").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Files.readString(output).contains("Press Ctrl-C to stop everything") || !run.isAlive());
            assertTrue(run.isAlive(), "./run ended before the suite was up:\n" + Files.readString(output));
            String started = Files.readString(output);
            for (String service : List.of("order-service", "inventory-service", "shipment-service", "billing-service",
                    "portal-api", "odoo-connector", "partner-registry")) {
                assertTrue(started.contains(service), service + " is not listed:\n" + started);
            }
            assertTrue(started.contains("client_credentials"), "no token recipe printed:\n" + started);
            PORTS.forEach(port -> assertTrue(isListening(port), "nothing listens on " + port + " while ./run is up"));
            List<ProcessHandle> children = run.descendants().toList();
            assertTrue(children.size() >= 8, "expected Keycloak and seven service processes, found " + children.size());

            // Ctrl-C: the terminal sends SIGINT to the JVM ./run exec'ed into.
            new ProcessBuilder("kill", "-INT", String.valueOf(run.pid())).start().waitFor(10, TimeUnit.SECONDS);

            assertTrue(run.waitFor(3, TimeUnit.MINUTES), "./run did not stop within 3 minutes of Ctrl-C");
            String log = Files.readString(output);
            assertTrue(log.contains("Stopped; nothing of the local stack is left running."), log);
            List<ProcessHandle> survivors = children.stream().filter(ProcessHandle::isAlive).toList();
            assertEquals(List.of(), survivors.stream().map(p -> p.pid() + " " + p.info().command().orElse("?")).toList(),
                    "processes ./run started are still running");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    PORTS.forEach(port -> assertTrue(isFree(port), "port " + port + " is still taken after Ctrl-C")));
        } finally {
            if (run.isAlive()) {
                run.descendants().forEach(ProcessHandle::destroyForcibly);
                run.destroyForcibly();
            }
        }
    }

    /**
     * The reactor has just packaged every module, so {@code ./run} need not build again: its stamp says so, as after
     * a build of its own (a build inside a test would recurse into Maven).
     */
    private static void markBuildAsCurrent(Path root) throws IOException {
        Path stamp = Files.createDirectories(root.resolve(".local-stack")).resolve("build.stamp");
        if (!Files.exists(stamp)) {
            Files.createFile(stamp);
        }
        Files.setLastModifiedTime(stamp, FileTime.from(Instant.now()));
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException nothing) {
            return false;
        }
    }
}
