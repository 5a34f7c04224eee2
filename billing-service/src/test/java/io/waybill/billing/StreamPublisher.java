package io.waybill.billing;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import io.waybill.events.EventType;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Publishes events onto the real streams the way another service's outbox relay does (durable, grouped by subject,
 * CloudEvents envelope), so tests drive billing-service through the broker and its inbox.
 */
@Singleton
public class StreamPublisher {

    private final MutinyEmitter<JsonObject> emitter;

    public StreamPublisher(@Channel("test-publisher") MutinyEmitter<JsonObject> emitter) {
        this.emitter = emitter;
    }

    /** A new event (its own id); returns the envelope so a test can deliver the very same message again. */
    public <T> EventEnvelope publish(EventType<T> type, String subject, String customerId, T payload) {
        EventEnvelope envelope = new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID().toString(),
                "urn:waybill:" + type.owner(), type.name(), Instant.now(), subject, type.dataschema(),
                EventEnvelope.JSON, "test-" + subject, null, customerId, EventJson.toTree(payload));
        publish(type, envelope);
        return envelope;
    }

    /** Sends an envelope as is: the broker redelivering, or a relay re-sending after a crash. */
    public void publish(EventType<?> type, EventEnvelope envelope) {
        OutgoingAmqpMetadata amqp = OutgoingAmqpMetadata.builder()
                .withAddress(type.stream().address())
                .withDurable(true)
                .withMessageId(envelope.id())
                .withSubject(envelope.type())
                .withGroupId(envelope.subject())
                .withContentType("application/json")
                .build();
        emitter.sendMessage(Message.of(new JsonObject(EventJson.write(envelope)), Metadata.of(amqp)))
                .await().atMost(Duration.ofSeconds(10));
    }
}
