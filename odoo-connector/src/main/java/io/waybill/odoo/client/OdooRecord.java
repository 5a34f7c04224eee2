package io.waybill.odoo.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One record as Odoo's {@code read}/{@code search_read} returns it, read the way Odoo means it:
 * <ul>
 *   <li>an empty field is {@code false}, whatever its type, never {@code null} or {@code ""};</li>
 *   <li>a many2one is {@code [id, "display name"]} in {@code read}, but a bare id in webhook payloads;</li>
 *   <li>a one2many/many2many is a list of ids;</li>
 *   <li>datetimes are naive {@code "yyyy-MM-dd HH:mm:ss"} strings in UTC, dates {@code "yyyy-MM-dd"}.</li>
 * </ul>
 */
public record OdooRecord(ObjectNode fields) {

    /** The wire format of Odoo datetimes, always UTC. */
    public static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public OdooRecord {
        Objects.requireNonNull(fields, "fields");
    }

    public long id() {
        return fields.path("id").asLong();
    }

    public boolean has(String field) {
        JsonNode value = fields.get(field);
        return value != null && !value.isNull() && !(value.isBoolean() && !value.asBoolean());
    }

    public Optional<String> text(String field) {
        JsonNode value = fields.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    public String textOrNull(String field) {
        return text(field).orElse(null);
    }

    public boolean bool(String field) {
        return fields.path(field).asBoolean(false);
    }

    public Optional<BigDecimal> decimal(String field) {
        JsonNode value = fields.get(field);
        if (value == null || !value.isNumber()) {
            return Optional.empty();
        }
        return Optional.of(value.decimalValue());
    }

    /** The id of a many2one, whether it came as {@code [id, name]} (read) or a bare id (webhook). */
    public Optional<Long> many2oneId(String field) {
        JsonNode value = fields.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isArray() && !value.isEmpty() && value.get(0).isIntegralNumber()) {
            return Optional.of(value.get(0).asLong());
        }
        if (value.isIntegralNumber()) {
            return Optional.of(value.asLong());
        }
        return Optional.empty();
    }

    /** The display name of a many2one, present only in {@code read} answers. */
    public Optional<String> many2oneName(String field) {
        JsonNode value = fields.get(field);
        if (value != null && value.isArray() && value.size() > 1 && value.get(1).isTextual()) {
            return Optional.of(value.get(1).asText());
        }
        return Optional.empty();
    }

    public List<Long> ids(String field) {
        JsonNode value = fields.get(field);
        List<Long> ids = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(id -> ids.add(id.asLong()));
        }
        return ids;
    }

    public Optional<Instant> dateTime(String field) {
        return text(field).map(text -> LocalDateTime.parse(text, DATETIME).toInstant(ZoneOffset.UTC));
    }

    public Optional<LocalDate> date(String field) {
        return text(field).map(LocalDate::parse);
    }

    public static String formatDateTime(Instant instant) {
        return DATETIME.format(instant.atOffset(ZoneOffset.UTC));
    }
}
