package io.waybill.foundation.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.LaunchMode;
import io.waybill.events.EventCatalog;
import io.waybill.events.EventContractCheck;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import io.waybill.events.EventType;
import io.waybill.foundation.audit.AuditTrail;
import io.waybill.foundation.events.EventContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The only way a Waybill service publishes an event. {@link #append} writes the event into the service's own
 * database in the caller's transaction, so the state change and its events commit together or not at all; the
 * {@link OutboxRelay} publishes it to the broker afterwards and marks it sent only once the broker accepted it.
 * A crash between commit and publish therefore loses nothing: the relay of the restarted service sends it.
 * Every appended event is also an entry of the service's {@link AuditTrail}, in the same transaction.
 * <p>
 * Only {@link EventCatalog} types are accepted (in tests also those a {@link TestEventTypes} bean declares), and
 * every {@link EventContractCheck} present checks the event before it is stored: test-support's validates it against
 * its JSON Schema, so each service's tests prove the events its code really publishes keep their contract.
 */
@ApplicationScoped
public class Outbox {

    private final String source;
    private final Clock clock;
    private final AuditTrail auditTrail;
    private final Map<String, EventType<?>> testTypes = new HashMap<>();
    private final List<EventContractCheck> contractChecks = new ArrayList<>();

    public Outbox(@ConfigProperty(name = "quarkus.application.name") String applicationName, Clock clock,
                  AuditTrail auditTrail, @Any Instance<TestEventTypes> testTypes,
                  @Any Instance<EventContractCheck> contractChecks) {
        this.source = "urn:waybill:" + applicationName;
        this.clock = clock;
        this.auditTrail = auditTrail;
        if (LaunchMode.current() == LaunchMode.TEST) {
            testTypes.forEach(declared -> declared.types().forEach(type -> this.testTypes.put(type.name(), type)));
        }
        contractChecks.forEach(this.contractChecks::add);
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
        if (!isPublishable(type)) {
            throw new IllegalArgumentException(type.name() + " is not in the event catalog: declare it in common-model"
                    + " (EventCatalog, with its JSON Schema) before publishing it");
        }
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
        contractChecks.forEach(check -> check.check(type, envelope));

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

    /** Exactly a catalog type (same name, stream and payload), or in tests a type the test declared. */
    private boolean isPublishable(EventType<?> type) {
        return EventCatalog.find(type.name()).map(type::equals).orElse(false) || type.equals(testTypes.get(type.name()));
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
