package io.waybill.infrastructure.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a JDK recent enough for a child process. Keycloak 26 refuses to start below Java 21, while a machine may
 * well default to Java 17, so the search does not trust {@code PATH}: first {@code JAVA_HOME}, then the JVM we run
 * in, then the newest suitable JDK under {@code /usr/lib/jvm} (where Debian and Temurin packages install).
 */
public final class JavaRuntime {

    private static final Path SYSTEM_JVMS = Path.of("/usr/lib/jvm");
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)(?:[.\"+-]|$)");

    private JavaRuntime() {
    }

    /**
     * The home directory of a JDK whose feature version is at least {@code minimumFeatureVersion}.
     *
     * @throws IllegalStateException naming every place looked at, if none qualifies
     */
    public static Path homeOfAtLeast(int minimumFeatureVersion) {
        List<String> rejected = new ArrayList<>();

        Optional<Path> javaHome = Optional.ofNullable(System.getenv("JAVA_HOME")).filter(s -> !s.isBlank()).map(Path::of);
        if (javaHome.isPresent()) {
            int version = featureVersion(javaHome.get());
            if (version >= minimumFeatureVersion) {
                return javaHome.get();
            }
            rejected.add("JAVA_HOME=" + javaHome.get() + " (" + describe(version) + ")");
        }

        Path current = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() >= minimumFeatureVersion && Files.isExecutable(current.resolve("bin/java"))) {
            return current;
        }

        Optional<Path> installed = newestUnder(SYSTEM_JVMS, minimumFeatureVersion);
        if (installed.isPresent()) {
            return installed.get();
        }
        rejected.add(SYSTEM_JVMS + " (nothing " + minimumFeatureVersion + "+)");
        throw new IllegalStateException("A JDK " + minimumFeatureVersion + " or later is needed, and none was found: "
                + String.join(", ", rejected) + ". Install one (for example Temurin 21+ or openjdk-21-jdk-headless) "
                + "and point JAVA_HOME at it.");
    }

    /** The {@code bin/java} launcher of the JDK found by {@link #homeOfAtLeast(int)}. */
    public static Path javaOfAtLeast(int minimumFeatureVersion) {
        return homeOfAtLeast(minimumFeatureVersion).resolve("bin/java");
    }

    static Optional<Path> newestUnder(Path directory, int minimumFeatureVersion) {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(directory)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> featureVersion(home) >= minimumFeatureVersion)
                    // Several names (symlinks, aliases) may point at one JDK; the newest wins, ties by name for stability.
                    .max(Comparator.comparingInt(JavaRuntime::featureVersion).thenComparing(Path::toString));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
    }

    /** The feature version (21, 25...) a JDK declares in its {@code release} file, or -1 if it declares none. */
    static int featureVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return -1;
        }
        try {
            Matcher matcher = RELEASE_VERSION.matcher(Files.readString(release));
            if (!matcher.find()) {
                return -1;
            }
            int major = Integer.parseInt(matcher.group(1));
            // Java 8 and older call themselves 1.8 and so on.
            return major == 1 ? 8 : major;
        } catch (IOException e) {
            return -1;
        }
    }

    private static String describe(int version) {
        return version < 0 ? "no readable release file" : "Java " + version;
    }
}
