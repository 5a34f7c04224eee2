package io.waybill.order.support;

import io.waybill.events.EventType;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Waits for asynchronous outcomes (events relayed to the broker, replies consumed from it). The generous limit
 * only bounds a broken run; nothing here asserts how fast anything happens.
 */
public final class Awaiting {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private Awaiting() {
    }

    /** Waits until order-service has published at least {@code count} events of the type about the order. */
    public static <T> List<T> published(EventType<T> type, String orderId, int count) {
        Awaitility.await().atMost(LIMIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertTrue(Database.published(type, orderId).size() >= count,
                        "expected " + count + " x " + type.name() + " for " + orderId + ", outbox has "
                                + Database.eventTypes(orderId)));
        return Database.published(type, orderId);
    }

    public static void status(String orderId, String status) {
        Awaitility.await().atMost(LIMIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertEquals(status, Database.status(orderId), "status of " + orderId));
    }

    /** Waits until the consumer has processed the event: its effects, if any, are committed by then. */
    public static void consumed(String consumer, io.waybill.events.EventEnvelope event) {
        Awaitility.await().atMost(LIMIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertTrue(Database.consumed(consumer, event.id()), consumer + " has not taken in " + event.id()));
    }
}
