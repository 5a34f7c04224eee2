package io.waybill.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Resident memory of processes, from Linux's {@code /proc}. */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Resident set size now (VmRSS), in KiB; empty if the process is gone. */
    static Optional<Long> rssKib(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /** The highest resident set size the process ever had (VmHWM), in KiB. */
    static Optional<Long> peakRssKib(long pid) {
        return statusField(pid, "VmHWM:");
    }

    /**
     * Proportional set size (shared pages divided among the processes sharing them), in KiB: the fair way to add up
     * PostgreSQL's processes, which all map the same shared buffers.
     */
    static Optional<Long> pssKib(long pid) {
        return field(Path.of("/proc", String.valueOf(pid), "smaps_rollup"), "Pss:");
    }

    /** PostgreSQL's postmaster (first line of postmaster.pid in its data directory) and every backend under it. */
    static List<ProcessHandle> postgres(Path dataDirectory) {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
            return ProcessHandle.of(pid).map(p -> Stream.concat(Stream.of(p), p.descendants()).toList()).orElse(List.of());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Keycloak's JVM: the java process below this one that runs Keycloak's distribution. */
    static Optional<ProcessHandle> keycloak() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .filter(p -> p.info().arguments().map(args -> Stream.of(args).anyMatch(a -> a.contains("kc.home.dir")))
                        .orElse(false))
                .findFirst();
    }

    private static Optional<Long> statusField(long pid, String name) {
        return field(Path.of("/proc", String.valueOf(pid), "status"), name);
    }

    private static Optional<Long> field(Path file, String name) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(name)).findFirst()
                    .map(l -> Long.parseLong(l.substring(name.length()).replaceAll("[^0-9]", "")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
