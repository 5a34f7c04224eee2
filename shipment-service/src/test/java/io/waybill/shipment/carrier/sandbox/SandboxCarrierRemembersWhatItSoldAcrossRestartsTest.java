package io.waybill.shipment.carrier.sandbox;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sandbox carrier's journal, read by a new process: every label it answered is there with its journey's start,
 * tick and ordering, so the parcel resumes where the clock says it is; voided labels stay voided; and a line torn by a
 * crash mid-write (a label never answered) is skipped rather than losing the rest.
 */
class SandboxCarrierRemembersWhatItSoldAcrossRestartsTest {

    @TempDir
    Path directory;

    @Test
    void labelsAndVoidsWrittenBeforeACrashAreReadBackByTheNextProcess() throws IOException {
        Instant start = Instant.parse("2026-11-23T10:00:00Z");
        SandboxJournal before = SandboxJournal.in(directory, "swiftpost");
        before.labelBought(label("key-1", "SWI0000000001", start, 500, false));
        before.labelBought(label("key-2", "SWI0000000002", start.plusSeconds(1), 5000, true));
        before.labelVoided("SWI0000000002");
        Files.writeString(directory.resolve("swiftpost.jsonl"), "{\"fact\":\"label\",\"key\":\"key-3\",\"resp",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        SandboxJournal.Contents after = SandboxJournal.in(directory, "swiftpost").read();

        assertEquals(List.of("SWI0000000001", "SWI0000000002"), List.copyOf(after.labelsByTracking().keySet()));
        SandboxJournal.Label first = after.labelsByTracking().get("SWI0000000001");
        assertEquals("key-1", first.idempotencyKey());
        assertEquals(start, first.start());
        assertEquals(500, first.tickMs());
        assertEquals("SWI0000000001", first.response().getString("trackingNumber"));
        assertTrue(after.labelsByTracking().get("SWI0000000002").outOfOrder());
        assertEquals(List.of("SWI0000000002"), after.voided());
    }

    @Test
    void eachCarrierHasItsOwnJournal() {
        SandboxJournal.in(directory, "swiftpost").labelBought(label("k", "SWI1", Instant.now(), 1000, false));

        assertTrue(SandboxJournal.in(directory, "parcelly").read().labelsByTracking().isEmpty());
    }

    private static SandboxJournal.Label label(String key, String tracking, Instant start, long tick, boolean outOfOrder) {
        return new SandboxJournal.Label(key, new JsonObject().put("trackingNumber", tracking), tracking, start, tick,
                outOfOrder);
    }
}
