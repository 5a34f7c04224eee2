package io.waybill.inventory.support;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The test's hands on the real broker: publishes events onto waybill.orders as order-service's relay does, and
 * watches waybill.inventory through order-service's durable queue (a consumer inventory-service does not own).
 */
@ApplicationScoped
public class BrokerProbe {

    private final List<EventEnvelope> inventoryEvents = new CopyOnWriteArrayList<>();
    private final MutinyEmitter<JsonObject> orders;

    public BrokerProbe(@Channel("test-order-events") MutinyEmitter<JsonObject> orders) {
        this.orders = orders;
    }

    public void publishOnOrders(EventEnvelope event) {
        OutgoingAmqpMetadata amqp = OutgoingAmqpMetadata.builder()
                .withDurable(true)
                .withMessageId(event.id())
                .withSubject(event.type())
                .withGroupId(event.subject())
                .withContentType("application/json")
                .build();
        orders.sendMessageAndAwait(Message.of(new JsonObject(EventJson.write(event))).addMetadata(amqp));
    }

    @Incoming("test-inventory-events")
    CompletionStage<Void> seen(Message<JsonObject> message) {
        inventoryEvents.add(EventJson.readEnvelope(message.getPayload().encode()));
        return message.ack();
    }

    public Optional<EventEnvelope> seenOnInventory(String type, String subject) {
        return inventoryEvents.stream().filter(e -> e.type().equals(type) && subject.equals(e.subject())).findFirst();
    }
}
