package io.waybill.shipment.support;

import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import io.waybill.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.UUID;

/** Publishes events onto the real broker the way another service's outbox relay would. */
@ApplicationScoped
public class TestEvents {

    @Channel("test-order-events")
    Emitter<JsonObject> orders;

    @Channel("test-portal-events")
    Emitter<JsonObject> portal;

    public <T> EventEnvelope publish(EventType<T> type, String subject, T payload) {
        EventEnvelope envelope = new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID().toString(),
                "urn:waybill:" + type.owner(), type.name(), Instant.now(), subject, type.dataschema(),
                EventEnvelope.JSON, "corr-" + UUID.randomUUID(), null, null, EventJson.toTree(payload));
        Message<JsonObject> message = Message.of(new JsonObject(EventJson.write(envelope)))
                .addMetadata(OutgoingAmqpMetadata.builder().withGroupId(subject).withDurable(true).build());
        (type.stream().address().equals("waybill.portal") ? portal : orders).send(message);
        return envelope;
    }
}
