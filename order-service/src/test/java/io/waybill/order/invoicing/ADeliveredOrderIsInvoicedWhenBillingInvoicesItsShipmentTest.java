package io.waybill.order.invoicing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.events.EventEnvelope;
import io.waybill.events.billing.BillingEvents;
import io.waybill.events.billing.InvoiceIssued;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.shipment.ShipmentDelivered;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.model.Money;
import io.waybill.order.fulfilment.acme.AcmeReleaseDispatcher;
import io.waybill.order.support.Acme3plStub;
import io.waybill.order.support.Awaiting;
import io.waybill.order.support.Database;
import io.waybill.order.support.Database.HistoryRow;
import io.waybill.order.support.OnVertx;
import io.waybill.order.support.Participants;
import io.waybill.order.support.SimulatedParticipants;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.waybill.order.support.Orders.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The last step of an order's life, through the real broker: billing-service's invoice-issued.v1 moves a delivered
 * order to INVOICED once its shipment is invoiced, and the history says billing caused it.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(Acme3plStub.class)
class ADeliveredOrderIsInvoicedWhenBillingInvoicesItsShipmentTest {

    private static final String CONSUMER = "order-service.billing";

    @Inject
    SimulatedParticipants broker;

    @Inject
    AcmeReleaseDispatcher acme;

    @Test
    void theInvoiceOfItsShipmentMovesADeliveredOrderToInvoicedOnce() {
        String customer = customer();
        String orderId = delivered(customer);

        EventEnvelope invoice = broker.publish(BillingEvents.INVOICE_ISSUED, "inv-" + orderId,
                invoice(orderId, customer, List.of("shp-" + orderId)));
        Awaiting.status(orderId, "INVOICED");
        HistoryRow last = Database.history(orderId).getLast();
        assertEquals(new HistoryRow("INVOICED", "event", "billing-service", "invoiced: INV-" + orderId), last);
        assertEquals("INVOICED", Awaiting.published(OrderEvents.STATUS_CHANGED, orderId, 10).getLast().status().name());

        broker.publish(invoice);
        EventEnvelope again = broker.publish(BillingEvents.INVOICE_ISSUED, "inv-" + orderId,
                invoice(orderId, customer, List.of("shp-" + orderId)));
        Awaiting.consumed(CONSUMER, again);
        assertEquals(1, Database.history(orderId).stream().filter(row -> row.status().equals("INVOICED")).count(),
                "a redelivered or re-sent invoice has no second effect");
    }

    @Test
    void anInvoiceThatOvertakesTheDeliveryWaitsForIt() {
        String customer = customer();
        String orderId = released(customer);

        EventEnvelope invoice = broker.publish(BillingEvents.INVOICE_ISSUED, "inv-" + orderId,
                invoice(orderId, customer, List.of("shp-" + orderId)));
        Awaiting.consumed(CONSUMER, invoice);
        assertEquals("RELEASED", Database.status(orderId), "not invoiced before order-service saw the delivery");

        deliver(orderId, customer);
        Awaiting.status(orderId, "INVOICED");
        assertEquals(List.of("RELEASED", "SHIPPED", "DELIVERED", "INVOICED"), Database.history(orderId).stream()
                .map(HistoryRow::status).toList().subList(6, 10), "the delivery stays in the history");
    }

    @Test
    void anOrderIsInvoicedOnlyOnceItsOwnShipmentIs() {
        String customer = customer();
        String orderId = delivered(customer);

        EventEnvelope other = broker.publish(BillingEvents.INVOICE_ISSUED, "inv-a-" + orderId,
                invoice(orderId, customer, List.of("shp-cancelled-" + orderId)));
        Awaiting.consumed(CONSUMER, other);
        assertEquals("DELIVERED", Database.status(orderId), "an invoice for another shipment of the order");

        // A per-order invoice lists every shipment of the order.
        broker.publish(BillingEvents.INVOICE_ISSUED, "inv-b-" + orderId,
                invoice(orderId, customer, List.of("shp-cancelled-" + orderId, "shp-" + orderId)));
        Awaiting.status(orderId, "INVOICED");
    }

    private static InvoiceIssued invoice(String orderId, String customer, List<String> shipmentIds) {
        return new InvoiceIssued("inv-" + orderId + "-" + shipmentIds.size(), "INV-" + orderId, customer, orderId,
                shipmentIds, Instant.now(), LocalDate.now().plusDays(30), List.of(), Money.of("7.90", "EUR"));
    }

    private String released(String customer) {
        String sku = product("GENERAL");
        String orderId = Participants.bookedAtBerlin(broker, customer, sku);
        OnVertx.await(() -> acme.dispatchPending());
        Awaiting.status(orderId, "RELEASED");
        return orderId;
    }

    private String delivered(String customer) {
        String orderId = released(customer);
        deliver(orderId, customer);
        Awaiting.status(orderId, "DELIVERED");
        return orderId;
    }

    private void deliver(String orderId, String customer) {
        broker.publish(ShipmentEvents.SHIPMENT_DELIVERED, orderId, new ShipmentDelivered("shp-" + orderId, orderId,
                customer, Instant.now(), "E. Mustermann", "pod-" + orderId, null, null));
    }
}
