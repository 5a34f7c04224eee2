package io.waybill.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the figures were measured on: they mean little without it. */
record Machine(int cpus, String cpuModel, long memoryKib, String os, String jdk) {

    static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), readMemoryKib(), readOs(), readJdk());
    }

    String describe() {
        return String.format("%d CPUs (%s), %.1f GiB RAM, %s, %s", cpus, cpuModel, memoryKib / 1024.0 / 1024.0, os, jdk);
    }

    private static String readCpuModel() {
        return lines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip().replaceAll("\\s+", " ")).findFirst().orElse("unknown CPU");
    }

    private static long readMemoryKib() {
        return lines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
    }

    private static String readOs() {
        String name = lines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", "")).findFirst()
                .orElse(System.getProperty("os.name"));
        return name + ", kernel " + System.getProperty("os.version");
    }

    private static String readJdk() {
        return Optional.ofNullable(System.getProperty("java.vendor.version")).orElse(System.getProperty("java.vm.vendor"))
                + " " + System.getProperty("java.runtime.version");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
