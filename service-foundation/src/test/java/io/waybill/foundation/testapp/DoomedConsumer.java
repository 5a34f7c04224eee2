package io.waybill.foundation.testapp;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A consumer that refuses whatever it gets on a channel whose failure strategy is {@code fail}: the first message
 * kills the channel for good while the broker stays up. Present only in the test profile that proves readiness
 * notices ({@code ReadinessNamesADeadChannelWhileTheBrokerIsUpTest}).
 */
@ApplicationScoped
@IfBuildProperty(name = "foundation-test.dead-channel", stringValue = "true")
public class DoomedConsumer {

    @Incoming("doomed")
    public Uni<Void> consume(Message<JsonObject> message) {
        return Uni.createFrom().completionStage(message.nack(new IllegalStateException("This consumer cannot go on")));
    }
}
