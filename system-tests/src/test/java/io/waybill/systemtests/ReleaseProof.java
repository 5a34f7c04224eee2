package io.waybill.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.localstack.Suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proof that an order was really released to its 3PL before it shipped. order-service may also reach RELEASED when
 * the carrier reports the parcel moving before the 3PL link confirmed the hand-over ("CATCH-UP" in the saga trail):
 * a journey ending DELIVERED or INVOICED says nothing about the release by itself.
 * <p>
 * The saga view ({@code GET /ops/orders/{id}/saga}) lists what leaves each warehouse as {@code parts}: one for an
 * order shipped whole, released under the order id; one per warehouse for a split order, each released to its own
 * partner under {@code <orderId>.<warehouseId>}.
 */
final class ReleaseProof {

    private ReleaseProof() {
    }

    /**
     * The only part of an order shipped whole: the saga view lists exactly one, released under the order id itself
     * (what partners have always been sent).
     */
    static JsonNode onlyPart(JsonNode saga, String orderId) {
        JsonNode parts = saga.path("parts");
        assertEquals(1, parts.size(), "an order shipped whole has exactly one part: " + parts);
        JsonNode part = parts.get(0);
        assertEquals(orderId, part.path("releaseReference").asText(), "released under the order id: " + part);
        return part;
    }

    /**
     * An order shipped whole: its one part went to {@code partnerId}, RELEASED was recorded by that partner's link
     * before SHIPPED, with no catch-up; for the file-exchange 3PL, its outbound folder holds a release file with the
     * order's lines under the order id.
     */
    static void handedToTheThreePlBeforeShipping(Suite suite, JsonNode saga, String orderId, String partnerId) {
        JsonNode part = onlyPart(saga, orderId);
        assertEquals(partnerId, part.path("partnerId").asText(), saga.toString());
        releasedByBeforeShipped(saga, List.of(partnerId));
        noCatchUp(saga);
        if (partnerId.equals("northwind-3pl")) {
            assertTrue(exportedReleaseRows(suite.partnerDirectory("northwind-3pl/outbound"), orderId) > 0,
                    "no release file for " + orderId + " in northwind-3pl/outbound");
        }
    }

    /**
     * An order split across warehouses: every part's partner link took its release ("... took the release for
     * <warehouse>" in the trail), the order became RELEASED (recorded by the link of whichever partner came last)
     * before SHIPPED, with no catch-up; a part for the file-exchange 3PL is in its outbound folder under the part's
     * release reference.
     */
    static void everyPartHandedToItsThreePlBeforeShipping(Suite suite, JsonNode saga) {
        List<String> partners = new ArrayList<>();
        List<String> trail = new ArrayList<>();
        saga.path("trail").forEach(line -> trail.add(line.path("kind").asText() + ": " + line.path("detail").asText()));
        for (JsonNode part : saga.path("parts")) {
            String partnerId = part.path("partnerId").asText();
            String warehouseId = part.path("warehouseId").asText();
            partners.add(partnerId);
            assertTrue(trail.contains("REPLY: " + partnerId + " took the release for " + warehouseId),
                    partnerId + " never took the release for " + warehouseId + ": " + trail);
            if (partnerId.equals("northwind-3pl")) {
                String reference = part.path("releaseReference").asText();
                assertTrue(exportedReleaseRows(suite.partnerDirectory("northwind-3pl/outbound"), reference) > 0,
                        "no release file for " + reference + " in northwind-3pl/outbound");
            }
        }
        releasedByBeforeShipped(saga, partners);
        noCatchUp(saga);
    }

    private static void releasedByBeforeShipped(JsonNode saga, List<String> partners) {
        List<String> history = new ArrayList<>();
        saga.path("history").forEach(line -> history.add(line.path("status").asText() + " by "
                + line.path("source").asText() + "/" + line.path("changedBy").asText()));
        int released = -1;
        for (String partnerId : partners) {
            released = Math.max(released, history.indexOf("RELEASED by " + partnerId + "/" + partnerId));
        }
        int shipped = indexOfPrefix(history, "SHIPPED by ");
        assertTrue(released >= 0, "RELEASED was not recorded by " + partners + ": " + history);
        assertTrue(shipped > released, "the release comes before SHIPPED: " + history);
    }

    private static void noCatchUp(JsonNode saga) {
        saga.path("trail").forEach(line -> assertFalse("CATCH-UP".equals(line.path("kind").asText()),
                "released only because the carrier moved the parcel: " + saga.path("trail")));
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** How many rows with this release reference (the first column) the exported release files hold. */
    static long exportedReleaseRows(Path outbound, String releaseReference) {
        return exportedReleaseRowsOf(outbound, releaseReference).size();
    }

    /**
     * The rows with this release reference (the first column) in the release files order-service exported to the
     * file-exchange 3PL: {@code release_reference, warehouse_id, line_id, sku, quantity, unit, ...}.
     */
    static List<String> exportedReleaseRowsOf(Path outbound, String releaseReference) {
        try (Stream<Path> files = Files.list(outbound)) {
            List<String> rows = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().matches("releases-.*\\.csv")).sorted().toList()) {
                Files.readAllLines(file).stream().filter(row -> row.startsWith(releaseReference + ",")).forEach(rows::add);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
