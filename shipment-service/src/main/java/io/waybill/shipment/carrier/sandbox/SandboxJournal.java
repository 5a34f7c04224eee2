package io.waybill.shipment.carrier.sandbox;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one sandbox carrier has sold, in an append-only file, so its parcels keep moving after the service that hosts
 * the sandbox is killed and restarted: a real carrier does not forget a parcel because our process crashed, and the
 * fault-injection system tests kill shipment-service in the middle of journeys. Without a journal directory the
 * sandbox lives in memory only (service tests).
 * <p>
 * One JSON line per fact: a label bought (idempotency key, the answer given, and the journey's start, tick and
 * ordering) or a label voided. Lines are written before the answer leaves, so a restart never loses a label the
 * caller has seen.
 */
final class SandboxJournal {

    /** A label as journalled: enough to answer a repeated purchase and to replay the parcel's journey. */
    record Label(String idempotencyKey, JsonObject response, String trackingNumber, Instant start, long tickMs,
                 boolean outOfOrder) {
    }

    /** Everything a carrier's journal holds, in purchase order; voided parcels are marked. */
    record Contents(Map<String, Label> labelsByTracking, List<String> voided) {
    }

    private final Path file;

    private SandboxJournal(Path file) {
        this.file = file;
    }

    static SandboxJournal in(Path directory, String carrierId) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the sandbox journal directory " + directory, e);
        }
        return new SandboxJournal(directory.resolve(carrierId + ".jsonl"));
    }

    synchronized void labelBought(Label label) {
        append(new JsonObject().put("fact", "label").put("key", label.idempotencyKey())
                .put("response", label.response()).put("tracking", label.trackingNumber())
                .put("start", label.start().toEpochMilli()).put("tickMs", label.tickMs())
                .put("outOfOrder", label.outOfOrder()));
    }

    synchronized void labelVoided(String trackingNumber) {
        append(new JsonObject().put("fact", "void").put("tracking", trackingNumber));
    }

    synchronized Contents read() {
        Map<String, Label> labels = new LinkedHashMap<>();
        List<String> voided = new java.util.ArrayList<>();
        if (!Files.exists(file)) {
            return new Contents(labels, voided);
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonObject fact;
                try {
                    fact = new JsonObject(line);
                } catch (RuntimeException tornLastLine) {
                    continue; // a crash mid-write leaves at most the last line incomplete: that label was never answered
                }
                if ("label".equals(fact.getString("fact"))) {
                    labels.put(fact.getString("tracking"), new Label(fact.getString("key"),
                            fact.getJsonObject("response"), fact.getString("tracking"),
                            Instant.ofEpochMilli(fact.getLong("start")), fact.getLong("tickMs"),
                            fact.getBoolean("outOfOrder", false)));
                } else if ("void".equals(fact.getString("fact"))) {
                    voided.add(fact.getString("tracking"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sandbox journal " + file, e);
        }
        return new Contents(labels, voided);
    }

    private void append(JsonObject fact) {
        try {
            Files.writeString(file, fact.encode() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sandbox journal " + file, e);
        }
    }
}
