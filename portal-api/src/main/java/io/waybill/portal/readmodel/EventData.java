package io.waybill.portal.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.waybill.events.EventEnvelope;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads another service's event data by the contract's field names. The portal reads events by type name and JSON
 * field rather than through the producers' payload records, so it keeps working across their additive changes and
 * never fails on a field it does not use.
 */
record EventData(EventEnvelope envelope, JsonNode data) {

    static EventData of(EventEnvelope envelope) {
        return new EventData(envelope, envelope.data() == null ? MissingNode.getInstance() : envelope.data());
    }

    /**
     * The first non-blank text among the given fields, or null. A field the producer wrote as JSON {@code null}
     * (the services serialize absent optional fields that way) is absent, not the text "null".
     */
    String text(String... fields) {
        for (String field : fields) {
            JsonNode node = data.path(field);
            if (node.isValueNode() && !node.isNull() && !node.asText().isBlank()) {
                return node.asText();
            }
        }
        return null;
    }

    String require(String field) {
        String value = text(field);
        if (value == null) {
            throw new IllegalArgumentException(envelope.type() + " " + envelope.id() + " has no " + field);
        }
        return value;
    }

    /** The customer an event concerns: its data's customerId, else the envelope's customerid attribute. */
    String customerId() {
        String fromData = text("customerId");
        return fromData != null ? fromData : envelope.customerid();
    }

    Instant instant(String field) {
        String value = text(field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(envelope.type() + " " + envelope.id() + ": " + field
                    + " is not an ISO-8601 instant: " + value, e);
        }
    }

    /** The field's time, else the time the producer stamped on the event, else now. */
    Instant instantOrEventTime(String field) {
        Instant value = instant(field);
        return value != null ? value : eventTime();
    }

    Instant eventTime() {
        return envelope.time() != null ? envelope.time() : Instant.now();
    }

    JsonNode node(String field) {
        return data.path(field);
    }

    /** An amount given either as a Money object ({amount, currency}) or a bare number. */
    BigDecimal amount(String field) {
        JsonNode node = data.path(field);
        JsonNode amount = node.isObject() ? node.path("amount") : node;
        if (amount.isNumber()) {
            return amount.decimalValue();
        }
        if (amount.isTextual() && !amount.asText().isBlank()) {
            return new BigDecimal(amount.asText());
        }
        return null;
    }

    String currency(String field) {
        JsonNode currency = data.path(field).path("currency");
        return currency.isTextual() ? currency.asText() : null;
    }
}
