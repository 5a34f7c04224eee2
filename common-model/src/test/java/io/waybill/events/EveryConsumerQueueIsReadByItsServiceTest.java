package io.waybill.events;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link EventStream} creates a durable queue for every consumer it lists, and a durable queue that nobody reads
 * grows until the broker pages and blocks. So each service's incoming channels must attach to exactly the queues
 * EventStream gives it; test-only channels ({@code %test.}) that play another service's part may only use queues
 * that exist.
 */
class EveryConsumerQueueIsReadByItsServiceTest {

    private static final String INCOMING = "mp.messaging.incoming.";

    @TestFactory
    Stream<DynamicTest> eachServiceReadsExactlyTheQueuesDeclaredForIt() {
        return EventStream.Services.ALL.stream().map(service -> DynamicTest.dynamicTest(service, () -> {
            Properties config = configOf(service);
            Set<String> declared = new TreeSet<>();
            for (EventStream stream : EventStream.values()) {
                if (stream.consumers().contains(service)) {
                    declared.add(stream.queueFor(service));
                }
            }
            Set<String> read = new TreeSet<>();
            for (String key : config.stringPropertyNames()) {
                if (key.startsWith(INCOMING) && key.endsWith(".address")) {
                    read.add(config.getProperty(key).trim());
                }
            }
            assertEquals(declared, read, service + "'s incoming channels (" + INCOMING + "*.address) must attach "
                    + "to exactly the queues EventStream declares for it");
        }));
    }

    @TestFactory
    Stream<DynamicTest> testOnlyChannelsUseQueuesThatExist() {
        Set<String> allQueues = new TreeSet<>();
        for (EventStream stream : EventStream.values()) {
            stream.consumers().forEach(consumer -> allQueues.add(stream.queueFor(consumer)));
        }
        return EventStream.Services.ALL.stream().map(service -> DynamicTest.dynamicTest(service, () -> {
            Properties config = configOf(service);
            for (String key : config.stringPropertyNames()) {
                if (key.startsWith("%test." + INCOMING) && key.endsWith(".address")) {
                    String queue = config.getProperty(key).trim();
                    assertTrue(allQueues.contains(queue), service + ": " + key + " reads " + queue
                            + ", which EventStream does not declare");
                    assertTrue(!queue.endsWith("." + service), service + ": " + key + " would compete with the "
                            + "service's own consumer for " + queue);
                }
            }
        }));
    }

    /** The service module's main configuration; the services are sibling modules of common-model. */
    private static Properties configOf(String service) {
        Path file = Path.of("..", service, "src", "main", "resources", "application.properties");
        assertTrue(Files.isRegularFile(file), "no " + file.toAbsolutePath().normalize());
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
