package io.waybill.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long each service takes from the launch of its JVM to its first ready answer ({@code /q/health/ready} 200:
 * database migrated, broker attached, OIDC provider reachable). Watches while the suite starts, on a thread of its
 * own: the suite only says when all of them are ready. It learns each service's port from the environment files the
 * stack writes before it launches the services ({@code env/<service>.env}), and each JVM's start from /proc.
 */
final class StartTimes implements AutoCloseable {

    /** When the JVM was launched and when it first answered ready; either may be unknown (null). */
    record Start(Instant launched, Instant ready) {
        Optional<Duration> timeToReady() {
            return launched == null || ready == null ? Optional.empty() : Optional.of(Duration.between(launched, ready));
        }
    }

    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");

    private final Path work;
    private final List<String> services;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    private final Map<String, Instant> launched = new ConcurrentHashMap<>();
    private final Map<String, Instant> ready = new ConcurrentHashMap<>();
    private final Thread watcher;
    private volatile boolean stopped;

    private StartTimes(Path work, List<String> services) {
        this.work = work;
        this.services = services;
        this.watcher = Thread.ofPlatform().daemon().name("start-times").start(this::watch);
    }

    /** Starts watching the services of a suite about to start in {@code work}. */
    static StartTimes watch(Path work, List<String> services) {
        return new StartTimes(work, services);
    }

    Start of(String service) {
        return new Start(launched.get(service), ready.get(service));
    }

    /** The start time Quarkus itself logs ("started in 4.321s"), from the service's log. */
    static Optional<Double> quarkusStartedInSeconds(Path log) {
        try {
            for (String line : Files.readAllLines(log)) {
                Matcher m = STARTED_IN.matcher(line);
                if (m.find()) {
                    return Optional.of(Double.parseDouble(m.group(1)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // No log, no figure.
        }
        return Optional.empty();
    }

    private void watch() {
        while (!stopped && ready.size() < services.size()) {
            for (String service : services) {
                if (ready.containsKey(service)) {
                    continue;
                }
                if (!launched.containsKey(service)) {
                    serviceProcess(service).flatMap(p -> p.info().startInstant())
                            .ifPresent(at -> launched.put(service, at));
                }
                Integer port = ports.computeIfAbsent(service, this::portFromEnvironmentFile);
                if (port != null && launched.containsKey(service) && answersReady(port)) {
                    ready.put(service, Instant.now());
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Optional<ProcessHandle> serviceProcess(String service) {
        String runJar = "/services/" + service + "/quarkus-app/quarkus-run.jar";
        return ProcessHandle.current().children()
                .filter(p -> p.info().arguments().map(a -> Arrays.stream(a).anyMatch(x -> x.endsWith(runJar))).orElse(false))
                .findFirst();
    }

    private Integer portFromEnvironmentFile(String service) {
        Path file = work.resolve("env").resolve(service + ".env");
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith("QUARKUS_HTTP_PORT="))
                    .map(l -> Integer.valueOf(l.substring("QUARKUS_HTTP_PORT=".length()).strip())).findFirst().orElse(null);
        } catch (IOException | RuntimeException notYetWritten) {
            return null;
        }
    }

    private boolean answersReady(int port) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stopped = true;
        watcher.interrupt();
    }
}
