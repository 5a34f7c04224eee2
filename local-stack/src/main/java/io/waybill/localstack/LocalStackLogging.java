package io.waybill.localstack;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Keeps the console for the stack's own progress lines: the embedded servers (Artemis, zonky PostgreSQL,
 * Keycloak's launcher) speak only when something is wrong. Each child process writes its own log file instead.
 */
final class LocalStackLogging {

    private LocalStackLogging() {
    }

    /** Must run before anything logs: the log manager is chosen once per JVM. */
    static void configure() {
        // local-infrastructure binds SLF4J (Artemis, zonky) to the JBoss LogManager, so JUL has to be that manager too.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %3$s: %5$s%6$s%n");
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new SimpleFormatter());
        console.setLevel(Level.ALL);
        root.addHandler(console);
        root.setLevel(Level.WARNING);
        // Settle System.Logger's provider here, on one thread: left to the first use, the start-up threads race
        // to load it and one of them falls back to the JDK default with a warning.
        System.getLogger(LocalStackLogging.class.getName());
    }
}
