package io.waybill.order.support;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import io.waybill.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.time.Instant;
import java.util.UUID;

/**
 * Plays inventory-service, shipment-service and odoo-connector: publishes their events, as they would, onto their
 * streams on the real broker, from where order-service's own queues deliver them.
 */
@ApplicationScoped
public class SimulatedParticipants {

    private final MutinyEmitter<JsonObject> emitter;

    public SimulatedParticipants(@Channel("simulated-participants") MutinyEmitter<JsonObject> emitter) {
        this.emitter = emitter;
    }

    /** Publishes one event and returns its envelope (its id is what the inbox deduplicates on). */
    public <T> EventEnvelope publish(EventType<T> type, String subject, T payload) {
        EventEnvelope envelope = new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID().toString(),
                "urn:waybill:" + type.owner(), type.name(), Instant.now(), subject, type.dataschema(),
                EventEnvelope.JSON, "test-" + subject, null, null, EventJson.toTree(payload));
        publish(envelope);
        return envelope;
    }

    /** Publishes an envelope as is: the same envelope twice is a broker redelivery. */
    public void publish(EventEnvelope envelope) {
        OutgoingAmqpMetadata amqp = OutgoingAmqpMetadata.builder()
                .withAddress(io.waybill.events.EventCatalog.find(envelope.type()).orElseThrow().stream().address())
                .withDurable(true)
                .withMessageId(envelope.id())
                .withGroupId(envelope.subject())
                .withContentType("application/json")
                .build();
        emitter.sendMessageAndAwait(Message.of(new JsonObject(EventJson.write(envelope)), Metadata.of(amqp)));
    }
}
