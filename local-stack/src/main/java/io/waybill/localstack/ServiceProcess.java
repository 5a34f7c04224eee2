package io.waybill.localstack;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Waybill service running from its packaged fast-jar as a child process, its output in a log file. It runs in
 * its own working directory so that a developer's {@code .env} or {@code config/application.properties} in the
 * repository cannot reconfigure it behind the stack's back.
 */
final class ServiceProcess {

    /** A JVM per service on a shared laptop: small heaps, and C1 only, which starts Quarkus markedly faster. */
    private static final List<String> JVM_OPTIONS = List.of(
            "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final WaybillService service;
    private final Process process;
    private final Path logFile;

    private ServiceProcess(WaybillService service, Process process, Path logFile) {
        this.service = service;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Launches the service's fast-jar with the given environment on top of ours.
     *
     * @param workDir the service's own working and temporary directory
     */
    static ServiceProcess launch(WaybillService service, Path java, Path fastJar, Map<String, String> environment,
                                 Path workDir, Path logFile) {
        try {
            Path tmp = Files.createDirectories(workDir.resolve("tmp"));
            Files.createDirectories(logFile.getParent());
            List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.addAll(JVM_OPTIONS);
            command.add("-Djava.io.tmpdir=" + tmp);
            command.add("-jar");
            command.add(fastJar.toAbsolutePath().toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    // Appended: a service restarted by a system test keeps the story of its earlier life.
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            Map<String, String> env = builder.environment();
            // A developer's shell may carry settings for another setup; only ours may configure the service.
            env.keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.equals("JAVA_TOOL_OPTIONS"));
            env.putAll(environment);
            return new ServiceProcess(service, builder.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + service.serviceName(), e);
        }
    }

    WaybillService service() {
        return service;
    }

    Path logFile() {
        return logFile;
    }

    /**
     * One look at the service: true once {@code /q/health/ready} answers 200 (database migrated, broker attached),
     * false while it is still starting.
     *
     * @throws IllegalStateException with the end of its log, if the process has died
     */
    boolean isReady() {
        if (!process.isAlive()) {
            throw new IllegalStateException(service.serviceName() + " exited with status " + process.exitValue()
                    + "; last lines of " + logFile + ":\n" + tail(logFile, 30));
        }
        return answersOk(URI.create(service.baseUrl() + "/q/health/ready"));
    }

    /** Kills the service the hard way (SIGKILL: no shutdown hook, no flush), as a crashed pod; returns once it is gone. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends SIGTERM (Quarkus shuts down gracefully), then kills whatever is left after a grace period. */
    void stop() {
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println(service.serviceName() + " ignored SIGTERM for " + STOP_GRACE.toSeconds() + " s; killing it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean answersOk(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a service", e);
        }
    }

    static String tail(Path file, int lines) {
        try (Stream<String> all = Files.lines(file)) {
            List<String> content = all.toList();
            return String.join("\n", content.subList(Math.max(0, content.size() - lines), content.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
