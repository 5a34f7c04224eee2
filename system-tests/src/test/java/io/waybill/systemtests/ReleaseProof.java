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
 */
final class ReleaseProof {

    private ReleaseProof() {
    }

    /**
     * The saga view of {@code GET /ops/orders/{id}/saga} shows RELEASED recorded by the partner link before SHIPPED,
     * with no catch-up; for the file-exchange 3PL, its outbound folder holds a release file with the order's lines.
     */
    static void handedToTheThreePlBeforeShipping(Suite suite, JsonNode saga, String orderId, String partnerId) {
        assertEquals(partnerId, saga.path("partnerId").asText(), saga.toString());
        List<String> history = new ArrayList<>();
        saga.path("history").forEach(line -> history.add(line.path("status").asText() + " by "
                + line.path("source").asText() + "/" + line.path("changedBy").asText()));
        int released = history.indexOf("RELEASED by " + partnerId + "/" + partnerId);
        int shipped = indexOfPrefix(history, "SHIPPED by ");
        assertTrue(released >= 0, "RELEASED was not recorded by " + partnerId + ": " + history);
        assertTrue(shipped > released, "the release comes before SHIPPED: " + history);
        saga.path("trail").forEach(line -> assertFalse("CATCH-UP".equals(line.path("kind").asText()),
                "released only because the carrier moved the parcel: " + saga.path("trail")));
        if (partnerId.equals("northwind-3pl")) {
            assertTrue(exportedReleaseRows(suite.partnerDirectory("northwind-3pl/outbound"), orderId) > 0,
                    "no release file for " + orderId + " in northwind-3pl/outbound");
        }
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** Rows of the order (release_reference first) in the release files order-service exported. */
    private static long exportedReleaseRows(Path outbound, String orderId) {
        try (Stream<Path> files = Files.list(outbound)) {
            long rows = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().matches("releases-.*\\.csv")).toList()) {
                rows += Files.readAllLines(file).stream().filter(row -> row.startsWith(orderId + ",")).count();
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
