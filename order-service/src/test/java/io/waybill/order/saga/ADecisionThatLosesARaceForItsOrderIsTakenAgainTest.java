package io.waybill.order.saga;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.mutiny.Uni;
import io.waybill.events.order.OrderEvents;
import io.waybill.order.support.Awaiting;
import io.waybill.order.support.Database;
import io.waybill.order.support.OnVertx;
import io.waybill.testsupport.WaybillInfrastructure;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static io.waybill.order.support.Orders.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two decisions about one order that meet (a split order's two parts handed to their 3PLs at the same moment) both
 * rewrite its saga row: the one that commits second fails on the row's version. The partner links have no inbox to
 * redeliver, so the loser is decided again on what the winner committed instead of being lost.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ADecisionThatLosesARaceForItsOrderIsTakenAgainTest {

    @Test
    void aDecisionOvertakenByAnotherCommitIsDecidedAgainOnWhatThatCommitLeft() {
        String orderId = submit(order(customer(), "DE", "STANDARD", product("GENERAL")));
        Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 1);
        AtomicInteger attempts = new AtomicInteger();

        String note = OnVertx.await(() -> SagaTransaction.run(() -> OrderSaga.<OrderSaga>findById(orderId)
                .chain(saga -> {
                    if (attempts.incrementAndGet() == 1) {
                        // Another decision commits between this one's read and its write.
                        bumpVersion(orderId);
                    }
                    saga.attention = "decided on version " + saga.version;
                    return Uni.createFrom().item(saga.attention);
                })));

        assertEquals(2, attempts.get(), "the first attempt lost the race and was taken again");
        assertTrue(note.endsWith(String.valueOf(Database.count("SELECT version - 1 FROM order_saga WHERE order_id = ?",
                orderId))), "the second attempt read the winner's row: " + note);
        assertEquals(1, Database.count("SELECT count(*) FROM order_saga WHERE order_id = ? AND attention = ?",
                orderId, note), "the retried decision is what was committed");
    }

    @Test
    void aDecisionThatKeepsLosingFailsInsteadOfRetryingForEver() {
        String orderId = submit(order(customer(), "DE", "STANDARD", product("GENERAL")));
        Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 1);
        AtomicInteger attempts = new AtomicInteger();

        assertThrows(RuntimeException.class, () -> OnVertx.await(() -> SagaTransaction.run(
                () -> OrderSaga.<OrderSaga>findById(orderId).invoke(saga -> {
                    attempts.incrementAndGet();
                    bumpVersion(orderId);
                    saga.attention = "never committed";
                }))));
        assertEquals(6, attempts.get(), "one attempt and five retries");
        assertEquals(0, Database.count("SELECT count(*) FROM order_saga WHERE order_id = ? AND attention IS NOT NULL",
                orderId));
    }

    private static void bumpVersion(String orderId) {
        try (Connection connection = Database.connect();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE order_saga SET version = version + 1 WHERE order_id = ?")) {
            update.setString(1, orderId);
            assertEquals(1, update.executeUpdate());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
