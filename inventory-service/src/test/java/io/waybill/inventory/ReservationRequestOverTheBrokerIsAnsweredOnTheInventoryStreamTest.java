package io.waybill.inventory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.EventEnvelope;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.inventory.StockReserved;
import io.waybill.inventory.support.BrokerProbe;
import io.waybill.model.Quantity;
import io.waybill.model.inventory.Allocation;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.waybill.inventory.support.Inventory.ROTTERDAM;
import static io.waybill.inventory.support.Inventory.line;
import static io.waybill.inventory.support.Inventory.newOrderId;
import static io.waybill.inventory.support.Inventory.newSku;
import static io.waybill.inventory.support.Inventory.receive;
import static io.waybill.inventory.support.Inventory.reservationRequest;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The whole path through real Artemis: waybill.orders -> inventory's queue -> inbox -> outbox -> waybill.inventory. */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ReservationRequestOverTheBrokerIsAnsweredOnTheInventoryStreamTest {

    @Inject
    BrokerProbe broker;

    @Test
    void stockReservedArrivesOnWaybillInventory() {
        String sku = newSku();
        String orderId = newOrderId();
        receive(ROTTERDAM, sku, "LOT-A", 5);

        broker.publishOnOrders(reservationRequest(orderId, false, List.of(ROTTERDAM), line("1", sku, 3)));

        EventEnvelope reply = await().atMost(Duration.ofSeconds(30))
                .until(() -> broker.seenOnInventory(InventoryEvents.STOCK_RESERVED.name(), orderId), java.util.Optional::isPresent)
                .orElseThrow();
        StockReserved reserved = reply.dataAs(InventoryEvents.STOCK_RESERVED);
        assertEquals(orderId, reserved.orderId());
        assertEquals(List.of(new Allocation("1", ROTTERDAM, sku, "LOT-A", Quantity.each(3))), reserved.allocations());
        assertEquals("corr-" + orderId, reply.correlationid(), "the reply continues the saga's correlation");
    }
}
