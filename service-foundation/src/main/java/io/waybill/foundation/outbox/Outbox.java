package io.waybill.foundation.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import io.waybill.events.EventType;
import io.waybill.foundation.audit.AuditTrail;
import io.waybill.foundation.events.EventContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * The only way a Waybill service publishes an event. {@link #append} writes the event into the service's own
 * database in the caller's transaction, so the state change and its events commit together or not at all; the
 * {@link OutboxRelay} publishes it to the broker afterwards and marks it sent only once the broker accepted it.
 * A crash between commit and publish therefore loses nothing: the relay of the restarted service sends it.
 * Every appended event is also an entry of the service's {@link AuditTrail}, in the same transaction.
 */
@ApplicationScoped
public class Outbox {

    private final String source;
    private final Clock clock;
    private final AuditTrail auditTrail;

    public Outbox(@ConfigProperty(name = "quarkus.application.name") String applicationName, Clock clock,
                  AuditTrail auditTrail) {
        this.source = "urn:waybill:" + applicationName;
        this.clock = clock;
        this.auditTrail = auditTrail;
    }

    /**
     * Appends an event to the outbox. Must run inside the Hibernate Reactive transaction of the state change
     * (a {@code @WithTransaction} method or {@code Panache.withTransaction}).
     *
     * @param subject the aggregate the event is about (order id, shipment id); it is also the AMQP group id, which
     *                keeps one aggregate's events in order across consumer replicas
     */
    public <T> Uni<EventEnvelope> append(EventType<T> type, String subject, T payload, EventContext context) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(context, "context");
        if (!type.payloadType().isInstance(payload)) {
            throw new IllegalArgumentException(type.name() + " carries " + type.payloadType().getSimpleName()
                    + ", not " + (payload == null ? "null" : payload.getClass().getSimpleName()));
        }
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        EventEnvelope envelope = new EventEnvelope(
                EventEnvelope.SPEC_VERSION, id, source, type.name(), now, subject, type.dataschema(),
                EventEnvelope.JSON,
                context.correlationId() != null ? context.correlationId() : id,
                context.causationId(), context.customerId(), EventJson.toTree(payload));

        OutboxMessage message = new OutboxMessage();
        message.eventId = UUID.fromString(id);
        message.eventType = type.name();
        message.stream = type.stream().address();
        message.subject = subject;
        message.envelope = EventJson.write(envelope);
        message.traceparent = currentTraceparent();
        message.createdAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        return message.persist().chain(() -> auditTrail.recordEvent(envelope)).replaceWith(envelope);
    }

    /** The W3C trace context of the request or message that caused the event, so its trace continues after relay. */
    private static String currentTraceparent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }
}
