package io.waybill.systemtests;

import io.waybill.localstack.Suite;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox promise, with a real kill: order-service accepts an order (state and events committed together) and
 * is killed with SIGKILL before its relay publishes anything. The restarted service publishes what the dead one
 * owed, and the rest of the suite acts on it: inventory-service reserves the stock.
 */
class AServiceKilledBetweenCommitAndPublishLosesNothingTest {

    private final Suite suite = Suite.shared();

    @Test
    void eventsCommittedByAKilledServiceArePublishedByItsSuccessor() throws Exception {
        // The relay is switched off, so the window between commit and publish stays open until the kill.
        suite.restart("order-service", Map.of("WAYBILL_OUTBOX_RELAY_ENABLED", "false"));
        String reference = "KILL-" + UUID.randomUUID();
        String orderId = given().auth().oauth2(suite.clientToken("webshop"))
                .contentType("application/json")
                .header("Idempotency-Key", reference)
                .body(Orders.submission(reference, "CUST-ACME", "SKU-SHIPPING-BOX-M", 2))
                .post(suite.url("order-service") + "/orders")
                .then().statusCode(201).extract().path("orderId");

        long owed = unpublished(orderId);
        assertTrue(owed >= 1, "the accepted order's events should be committed and not yet published");

        suite.kill("order-service");
        suite.restart("order-service", Map.of());

        await().atMost(Duration.ofSeconds(60)).until(() -> unpublished(orderId) == 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String status = given().auth().oauth2(suite.clientToken("webshop"))
                    .get(suite.url("order-service") + "/orders/" + orderId).then().extract().path("status");
            return status != null && !status.equals("RECEIVED") && !status.equals("VALIDATED")
                    && !status.equals("ALLOCATING");
        });
    }

    private long unpublished(String orderId) throws Exception {
        try (Connection db = suite.database("order-service");
             PreparedStatement query = db.prepareStatement(
                     "SELECT count(*) FROM outbox_message WHERE subject = ? AND published_at IS NULL")) {
            query.setString(1, orderId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
