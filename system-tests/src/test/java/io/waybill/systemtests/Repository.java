package io.waybill.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository the tests run in, for the files the running suite is checked against (realm, chart docs). */
final class Repository {

    private Repository() {
    }

    /** The directory holding mvnw, at or above the working directory. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
