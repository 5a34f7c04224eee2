package io.waybill.infrastructure.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Keycloak server distribution as published on Maven Central ({@code org.keycloak:keycloak-quarkus-dist:zip}),
 * unpacked once into a work directory and reused: the first start of an unpacked distribution builds (augments)
 * it, which takes about half a minute that later starts skip.
 * <p>
 * The zip is a test dependency of this module, so an ordinary build puts it into the local Maven repository. When
 * it is missing anyway (a fresh repository, a tool run on its own), the project's Maven wrapper fetches it.
 */
final class KeycloakDistribution {

    /** Keep in step with the keycloak-quarkus-dist test dependency in local-infrastructure/pom.xml. */
    static final String VERSION = "26.7.3";
    static final String COORDINATES = "org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip";

    private static final System.Logger LOG = System.getLogger(KeycloakDistribution.class.getName());
    private static final String FILE_NAME = "keycloak-quarkus-dist-" + VERSION + ".zip";
    private static final String ROOT = "keycloak-" + VERSION;

    private KeycloakDistribution() {
    }

    /**
     * The Keycloak home directory inside {@code workDir}, unpacked from the distribution zip unless an earlier run
     * already did. Safe against several processes asking at once.
     */
    static Path unpackedInto(Path workDir) {
        Path home = workDir.resolve(ROOT);
        Path complete = home.resolve(".waybill-unpacked");
        try {
            Files.createDirectories(workDir);
            try (FileChannel channel = FileChannel.open(workDir.resolve(".unpack.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (Files.exists(complete)) {
                    return home;
                }
                Path zip = locateOrFetch(workDir);
                LOG.log(Level.INFO, "Unpacking Keycloak {0} into {1}", VERSION, workDir);
                Path partial = workDir.resolve(ROOT + ".partial");
                deleteRecursively(partial);
                deleteRecursively(home);
                unzip(zip, partial);
                // The zip carries a single top-level directory, keycloak-<version>/.
                Files.move(partial.resolve(ROOT), home, StandardCopyOption.ATOMIC_MOVE);
                deleteRecursively(partial);
                Files.createFile(complete);
                return home;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack Keycloak into " + workDir, e);
        }
    }

    /** The distribution zip in the local Maven repository, fetched through the Maven wrapper if absent. */
    static Path locateOrFetch(Path workDir) {
        Path inRepository = localRepository().resolve("org/keycloak/keycloak-quarkus-dist").resolve(VERSION).resolve(FILE_NAME);
        if (Files.isRegularFile(inRepository)) {
            return inRepository;
        }
        return fetchWithMavenWrapper(workDir.resolve("download"));
    }

    private static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static Path fetchWithMavenWrapper(Path outputDirectory) {
        Path wrapper = findMavenWrapper();
        LOG.log(Level.INFO, "Keycloak {0} is not in the local Maven repository; fetching {1} with {2} (about 177 MB)",
                VERSION, COORDINATES, wrapper);
        List<String> command = new ArrayList<>(List.of(wrapper.toString(), "-q", "-B",
                "org.apache.maven.plugins:maven-dependency-plugin:3.7.0:copy",
                "-Dartifact=" + COORDINATES, "-DoutputDirectory=" + outputDirectory.toAbsolutePath()));
        String repository = System.getProperty("maven.repo.local");
        if (repository != null && !repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(wrapper.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("JAVA_HOME", JavaRuntime.homeOfAtLeast(17).toString());
        try {
            Process maven = builder.start();
            if (!maven.waitFor(30, TimeUnit.MINUTES) || maven.exitValue() != 0) {
                maven.destroyForcibly();
                throw new IllegalStateException("The Maven wrapper could not fetch " + COORDINATES
                        + " (it needs network access to Maven Central once)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + wrapper, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while fetching " + COORDINATES, e);
        }
        return outputDirectory.resolve(FILE_NAME);
    }

    /** The project's {@code mvnw}, found by walking up from the working directory (a module or the repository root). */
    private static Path findMavenWrapper() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path wrapper = dir.resolve("mvnw");
            if (Files.isExecutable(wrapper)) {
                return wrapper;
            }
        }
        throw new IllegalStateException(COORDINATES + " is not in the local Maven repository and no Maven wrapper (mvnw) "
                + "was found above " + Path.of("").toAbsolutePath() + " to fetch it; run './mvnw install' in the Waybill "
                + "repository once");
    }

    private static void unzip(Path zip, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path destination = root.resolve(entry.getName()).normalize();
                if (!destination.startsWith(root)) {
                    throw new IOException("Refusing zip entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                    continue;
                }
                Files.createDirectories(destination.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, destination);
                }
                // java.util.zip drops Unix permissions; the launch scripts are the only files that need them.
                if (entry.getName().endsWith(".sh")) {
                    destination.toFile().setExecutable(true, false);
                }
            }
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
