package io.waybill.model;

import io.waybill.model.order.Order;
import io.waybill.model.order.OrderLine;
import io.waybill.model.order.OrderStatus;
import io.waybill.model.order.Parcel;
import io.waybill.model.order.ServiceLevel;
import io.waybill.model.party.Party;
import io.waybill.model.party.PartyRole;
import io.waybill.model.product.ProductReference;
import io.waybill.model.shipment.Carrier;
import io.waybill.model.shipment.CarrierService;
import io.waybill.model.shipment.Milestone;
import io.waybill.model.shipment.ProofOfDelivery;
import io.waybill.model.shipment.Return;
import io.waybill.model.shipment.ReturnLine;
import io.waybill.model.shipment.Shipment;
import io.waybill.model.shipment.TrackingEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each canonical record refuses, when it is made, the input no service could act on. */
class CanonicalRecordsRefuseBadInputTest {

    private static final Address SHIP_TO = ValuesRefuseWhatCannotBeTrueTest.address("Hauptstr. 1", "Berlin", "DE");
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final CarrierService EXPRESS = new CarrierService("swiftpost", "SP-EXPRESS", "EXPRESS");
    private static final Parcel PARCEL = new Parcel(new BigDecimal("2.5"), new BigDecimal("40"), BigDecimal.ZERO, null);

    @Test
    void aPartyNeedsAnIdARoleAndANameAndARealEmail() {
        assertThrows(IllegalArgumentException.class, () -> new Party(null, PartyRole.CUSTOMER, "Ada", null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Party("CUST-1 ", PartyRole.CUSTOMER, "Ada", null, null, null));
        assertThrows(NullPointerException.class, () -> new Party("CUST-1", null, "Ada", null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Party("CUST-1", PartyRole.CUSTOMER, " ", null, null, null));
        assertThrows(IllegalArgumentException.class, () -> Party.customer("CUST-1", "Ada", "ada.example.com", SHIP_TO));
        assertTrue(Party.customer("CUST-1", "Ada", "ada@example.com", SHIP_TO).isCustomer());
    }

    @Test
    void aProductReferenceNeedsASkuWithoutSpacesAndAUnit() {
        assertThrows(IllegalArgumentException.class, () -> new ProductReference("", "Mug", UnitOfMeasure.EACH));
        assertThrows(IllegalArgumentException.class, () -> new ProductReference("MUG 1", "Mug", UnitOfMeasure.EACH));
        assertThrows(IllegalArgumentException.class, () -> new ProductReference("M".repeat(65), "Mug", UnitOfMeasure.EACH));
        assertThrows(NullPointerException.class, () -> new ProductReference("MUG-1", "Mug", null));
        assertEquals("MUG-1", new ProductReference("MUG-1", "Mug", UnitOfMeasure.EACH).sku());
    }

    @Test
    void anOrderNeedsItsCustomerAddressServiceLevelStatusAndDistinctNonEmptyLines() {
        OrderLine one = new OrderLine("L1", "MUG-1", Quantity.each(2));
        assertThrows(IllegalArgumentException.class, () -> order("", List.of(one)));
        assertThrows(IllegalArgumentException.class, () -> order("ORD-1", List.of()));
        assertThrows(IllegalArgumentException.class, () -> order("ORD-1", null));
        assertThrows(IllegalArgumentException.class, () -> order("ORD-1", List.of(one, new OrderLine("L1", "CUP-1", Quantity.each(1)))));
        assertThrows(IllegalArgumentException.class, () -> order("ORD-1", List.of(new OrderLine("L1", "MUG-1", Quantity.each(0)))));
        assertThrows(NullPointerException.class,
                () -> new Order("ORD-1", "CUST-1", null, ServiceLevel.STANDARD, List.of(one), OrderStatus.values()[0]));
        assertThrows(NullPointerException.class,
                () -> new Order("ORD-1", "CUST-1", SHIP_TO, null, List.of(one), OrderStatus.values()[0]));
        assertThrows(NullPointerException.class,
                () -> new Order("ORD-1", "CUST-1", SHIP_TO, ServiceLevel.STANDARD, List.of(one), null));
        assertThrows(IllegalArgumentException.class,
                () -> new Order("ORD-1", null, SHIP_TO, ServiceLevel.STANDARD, List.of(one), OrderStatus.values()[0]));
    }

    @Test
    void anOrdersLinesCannotBeChangedBehindItsBack() {
        List<OrderLine> lines = new ArrayList<>(List.of(new OrderLine("L1", "MUG-1", Quantity.each(2))));
        Order order = order("ORD-1", lines);
        lines.add(new OrderLine("L1", "MUG-1", Quantity.each(1)));
        assertEquals(1, order.lines().size());
        assertThrows(UnsupportedOperationException.class, () -> order.lines().clear());
    }

    @Test
    void aParcelWeighsSomethingAndHasNoNegativeSide() {
        assertThrows(IllegalArgumentException.class, () -> new Parcel(null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Parcel(BigDecimal.ZERO, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Parcel(new BigDecimal("-1"), null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Parcel(BigDecimal.ONE, new BigDecimal("-1"), null, null));
        assertThrows(IllegalArgumentException.class, () -> new Parcel(BigDecimal.ONE, null, new BigDecimal("-1"), null));
        assertThrows(IllegalArgumentException.class, () -> new Parcel(BigDecimal.ONE, null, null, new BigDecimal("-1")));
        assertEquals(BigDecimal.ZERO, PARCEL.widthCm(), "an unknown dimension stays allowed");
    }

    @Test
    void aCarrierSellsOnlyItsOwnDistinctServices() {
        assertThrows(IllegalArgumentException.class, () -> new Carrier("", "SwiftPost", List.of(EXPRESS)));
        assertThrows(IllegalArgumentException.class, () -> new Carrier("swiftpost", "", List.of(EXPRESS)));
        assertThrows(IllegalArgumentException.class, () -> new Carrier("swiftpost", "SwiftPost", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Carrier("swiftpost", "SwiftPost",
                List.of(EXPRESS, new CarrierService("parcelhub", "PH-STD", "STANDARD"))));
        assertThrows(IllegalArgumentException.class, () -> new Carrier("swiftpost", "SwiftPost",
                List.of(EXPRESS, new CarrierService("swiftpost", "SP-EXPRESS", "NEXT_DAY"))));
        assertEquals(1, new Carrier("swiftpost", "SwiftPost", List.of(EXPRESS)).services().size());
        assertThrows(NullPointerException.class, () -> new CarrierService(null, "SP-EXPRESS", "EXPRESS"));
    }

    @Test
    void aShipmentNeedsItsOrderCustomerServiceParcelsAndAddress() {
        assertThrows(IllegalArgumentException.class, () -> shipment("", "TRK1", List.of(PARCEL)));
        assertThrows(IllegalArgumentException.class, () -> shipment("SHP-1", "TRK1", List.of()));
        assertThrows(IllegalArgumentException.class, () -> shipment("SHP-1", " ", List.of(PARCEL)));
        assertThrows(NullPointerException.class,
                () -> new Shipment("SHP-1", "ORD-1", "CUST-1", null, null, List.of(PARCEL), SHIP_TO, null));
        assertThrows(NullPointerException.class,
                () -> new Shipment("SHP-1", "ORD-1", "CUST-1", EXPRESS, null, List.of(PARCEL), null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new Shipment("SHP-1", null, "CUST-1", EXPRESS, null, List.of(PARCEL), SHIP_TO, null));
        assertTrue(!shipment("SHP-1", null, List.of(PARCEL)).isBooked(), "not booked until it has a tracking number");
        assertTrue(shipment("SHP-1", "TRK1", List.of(PARCEL)).isBooked());
    }

    @Test
    void aReturnNeedsDistinctLinesOfSomethingAndAReason() {
        ReturnLine mug = new ReturnLine("MUG-1", Quantity.each(1));
        assertThrows(IllegalArgumentException.class, () -> new Return("", "ORD-1", "CUST-1", List.of(mug), "broken"));
        assertThrows(IllegalArgumentException.class, () -> new Return("RET-1", "ORD-1", "CUST-1", List.of(), "broken"));
        assertThrows(IllegalArgumentException.class, () -> new Return("RET-1", "ORD-1", "CUST-1", List.of(mug, mug), "broken"));
        assertThrows(IllegalArgumentException.class, () -> new Return("RET-1", "ORD-1", "CUST-1",
                List.of(new ReturnLine("MUG-1", Quantity.each(0))), "broken"));
        assertThrows(IllegalArgumentException.class, () -> new Return("RET-1", "ORD-1", "CUST-1", List.of(mug), " "));
        assertThrows(IllegalArgumentException.class, () -> new ReturnLine(" ", Quantity.each(1)));
        assertEquals(1, new Return("RET-1", "ORD-1", "CUST-1", List.of(mug), "broken").lines().size());
    }

    @Test
    void aProofOfDeliverySaysWhen() {
        assertThrows(NullPointerException.class, () -> new ProofOfDelivery(null, "Ada", null, null));
        assertEquals("photo-1", new ProofOfDelivery(NOW, "Ada", "photo-1", null).reference("scan"));
    }

    @Test
    void aTrackingEventNamesItsCarrierParcelStatusAndTimes() {
        assertThrows(IllegalArgumentException.class, () -> tracking(null, "TRK1", "delivered", NOW, NOW));
        assertThrows(IllegalArgumentException.class, () -> tracking("swiftpost", "", "delivered", NOW, NOW));
        assertThrows(IllegalArgumentException.class, () -> tracking("swiftpost", "TRK1", " ", NOW, NOW));
        assertThrows(NullPointerException.class, () -> tracking("swiftpost", "TRK1", "delivered", null, NOW));
        assertThrows(NullPointerException.class, () -> tracking("swiftpost", "TRK1", "delivered", NOW, null));
        assertEquals(null, new TrackingEvent("swiftpost", "TRK1", "weird-status", null, NOW, NOW, null, null).milestone(),
                "an unmapped carrier status is kept, without a milestone");
    }

    private static Order order(String orderId, List<OrderLine> lines) {
        return new Order(orderId, "CUST-1", SHIP_TO, ServiceLevel.STANDARD, lines, OrderStatus.values()[0]);
    }

    private static Shipment shipment(String shipmentId, String trackingNumber, List<Parcel> parcels) {
        return new Shipment(shipmentId, "ORD-1", "CUST-1", EXPRESS, trackingNumber, parcels, SHIP_TO, null);
    }

    private static TrackingEvent tracking(String carrier, String tracking, String status, Instant occurred, Instant received) {
        return new TrackingEvent(carrier, tracking, status, Milestone.DELIVERED, occurred, received, null, null);
    }
}
