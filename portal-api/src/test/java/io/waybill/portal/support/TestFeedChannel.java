package io.waybill.portal.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * The test-only outgoing channel {@link EventFeed} publishes on: an anonymous AMQP sender, so each message goes to
 * the stream address the real producing service would use.
 */
public class TestFeedChannel implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.messaging.outgoing.test-feed.connector", "smallrye-amqp",
                "mp.messaging.outgoing.test-feed.use-anonymous-sender", "true",
                "mp.messaging.outgoing.test-feed.durable", "true");
    }

    @Override
    public void stop() {
    }
}
