package io.waybill.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private copy of a service's packaged application ({@code target/quarkus-app}) for the stack to run.
 * <p>
 * A JVM loads classes from its jars lazily, for as long as it runs; a developer who rebuilds the module while the
 * stack is up would replace those jars under the running service and crash it at its next class load. Quarkus
 * rebuilds {@code quarkus-app} into fresh files, so hard links pin the files of this build at no cost in time or
 * disk; where links are impossible (another file system) the files are copied.
 */
final class AppSnapshot {

    private AppSnapshot() {
    }

    /** Snapshots {@code quarkusApp} into {@code target} (replacing an older snapshot) and returns its run jar. */
    static Path of(Path quarkusApp, Path target) {
        try {
            deleteRecursively(target);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(quarkusApp)) {
                files = walk.toList();
            }
            for (Path source : files) {
                Path copy = target.resolve(quarkusApp.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    linkOrCopy(source, copy);
                }
            }
            return target.resolve("quarkus-run.jar");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot snapshot " + quarkusApp, e);
        }
    }

    private static void linkOrCopy(Path source, Path copy) throws IOException {
        try {
            Files.createLink(copy, source);
        } catch (FileSystemException | UnsupportedOperationException notLinkable) {
            Files.copy(source, copy);
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
