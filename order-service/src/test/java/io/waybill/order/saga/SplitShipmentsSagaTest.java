package io.waybill.order.saga;

import io.waybill.events.order.OrderEvents;
import io.waybill.order.saga.FulfilmentPart.Progress;
import io.waybill.order.saga.SagaScenario.Expectations;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.waybill.model.order.OrderStatus.*;
import static io.waybill.order.saga.SagaScenario.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An order that allows splitting, reserved across two warehouses (WH-BERLIN: acme-3pl over REST, WH-ROTTERDAM:
 * northwind-3pl over files), ships one shipment per warehouse, and moves on only when every part has.
 */
class SplitShipmentsSagaTest {

    private static final String BERLIN = "WH-BERLIN";
    private static final String ROTTERDAM = "WH-ROTTERDAM";

    @Test
    void aSplitReservationBooksOneShipmentPerWarehouseWithThatWarehousesLinesAndParcel() {
        Expectations booking = given(ALLOCATING, SagaStep.RESERVING_STOCK).allowingSplit()
                .when(stockReservedAcross(BERLIN, ROTTERDAM))
                .expectMoves(ALLOCATED, BOOKING)
                .expectCommand(OrderEvents.SHIPMENT_BOOKING_REQUESTED, request -> {
                    assertEquals(BERLIN, request.warehouseId());
                    assertEquals(new BigDecimal("3.5"), request.parcels().getFirst().weightKg());
                    assertEquals(List.of("swiftpost", "parcelly", "easypost"), request.allowedCarriers());
                })
                .expectCommand(OrderEvents.SHIPMENT_BOOKING_REQUESTED,
                        request -> assertEquals(ROTTERDAM, request.warehouseId()))
                .expectNoMoreCommands()
                .expectStep(SagaStep.BOOKING_SHIPMENT);
        assertEquals("ord-1.WH-BERLIN", booking.part(BERLIN).releaseReference());
        assertEquals("ord-1.WH-ROTTERDAM", booking.part(ROTTERDAM).releaseReference());
        assertEquals(1, booking.part(ROTTERDAM).lines().getFirst().quantity().value().intValue());
    }

    @Test
    void theOrderIsBookedAndReleasedToEachPartnerOnlyOnceEveryPartIsBooked() {
        given(BOOKING, SagaStep.BOOKING_SHIPMENT).allowingSplit().reservedAcross(BERLIN, ROTTERDAM)
                .when(shipmentBookedFrom(ROTTERDAM, "shp-r", "parcelly"))
                .expectMoves()
                .expectNoMoreCommands()
                .expectReleases(0)
                .expectTrail("PROGRESS")
                .expectStep(SagaStep.BOOKING_SHIPMENT)
                .then(shipmentBookedFrom(BERLIN, "shp-b", "swiftpost"))
                .expectMoves(BOOKED)
                .expectReleases(2)
                .expectReleaseTo("acme-3pl", BERLIN)
                .expectReleaseTo("northwind-3pl", ROTTERDAM)
                .expectStep(SagaStep.RELEASING_TO_WAREHOUSE);
    }

    @Test
    void aBookingFailureFromOneWarehouseBooksOnlyThatPartAgainWithTheCarriersItHasNotTried() {
        Expectations rebooked = given(BOOKING, SagaStep.BOOKING_SHIPMENT).allowingSplit()
                .reservedAcross(BERLIN, ROTTERDAM)
                .when(shipmentBookedFrom(BERLIN, "shp-b", "swiftpost"))
                .then(bookingFailedFrom(ROTTERDAM, "swiftpost"))
                .expectCommand(OrderEvents.SHIPMENT_BOOKING_REQUESTED, request -> {
                    assertEquals(ROTTERDAM, request.warehouseId());
                    assertEquals(List.of("parcelly", "easypost"), request.allowedCarriers());
                })
                .expectNoMoreCommands()
                .expectMoves()
                .expectTrail("FALLBACK");
        assertEquals("shp-b", rebooked.part(BERLIN).shipmentId(), "the booked part keeps its shipment");
    }

    @Test
    void noCarrierForOnePartCancelsTheOtherPartsShipmentReleasesTheStockAndHolds() {
        given(BOOKING, SagaStep.BOOKING_SHIPMENT).allowingSplit().reservedAcross(BERLIN, ROTTERDAM)
                .when(shipmentBookedFrom(BERLIN, "shp-b", "swiftpost"))
                .then(bookingFailedFrom(ROTTERDAM, "swiftpost", "parcelly", "easypost"))
                .expectCommand(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED, c -> assertEquals("shp-b", c.shipmentId()))
                .expectCommand(OrderEvents.STOCK_RELEASE_REQUESTED)
                .expectNoMoreCommands()
                .expectMoves(ON_HOLD)
                .expectHoldReasonContaining("no allowed carrier can ship the order from WH-ROTTERDAM");
    }

    @Test
    void theOrderIsReleasedWhenEveryPartnerTookItsPartAndEachHandOverIsAnnounced() {
        given(BOOKED, SagaStep.RELEASING_TO_WAREHOUSE).allowingSplit().reservedAcross(BERLIN, ROTTERDAM)
                .everyPartBooked()
                .when(handedOverIn(BERLIN))
                .expectCommand(OrderEvents.RELEASED_TO_WAREHOUSE, released -> {
                    assertEquals(BERLIN, released.warehouseId());
                    assertEquals("shp-WH-BERLIN", released.shipmentId());
                })
                .expectNoMoreCommands()
                .expectMoves()
                .expectStep(SagaStep.RELEASING_TO_WAREHOUSE)
                .then(handedOverIn(BERLIN))
                .expectNothingChanged()
                .then(handedOverIn(ROTTERDAM))
                .expectCommand(OrderEvents.RELEASED_TO_WAREHOUSE, released -> {
                    assertEquals(ROTTERDAM, released.warehouseId());
                    // What this release ships: only the part reserved in Rotterdam (odoo-connector validates it).
                    assertEquals(1, released.lines().size());
                    assertEquals(1, released.lines().getFirst().quantity().value().intValue());
                })
                .expectMoves(RELEASED)
                .expectStep(SagaStep.AWAITING_PICK);
    }

    @Test
    void theOrderShipsWhenEveryPartLeftAndIsDeliveredWhenEveryPartArrived() {
        Expectations delivered = given(RELEASED, SagaStep.AWAITING_PICK).allowingSplit()
                .reservedAcross(BERLIN, ROTTERDAM).everyPartBooked()
                .when(pickedUp("shp-WH-BERLIN"))
                .expectMoves()
                .expectStep(SagaStep.AWAITING_PICK)
                .then(pickedUp("shp-WH-BERLIN"))
                .expectMoves()
                .then(shippedFrom(ROTTERDAM))
                .expectMoves(SHIPPED)
                .expectStep(SagaStep.IN_TRANSIT)
                .then(deliveredAs("shp-WH-ROTTERDAM"))
                .expectMoves()
                .expectStep(SagaStep.IN_TRANSIT)
                .then(deliveredAs("shp-WH-BERLIN"))
                .expectMoves(DELIVERED)
                .expectStep(SagaStep.COMPLETED);
        assertTrue(delivered.state().allParts(p -> p.progress() == Progress.DELIVERED));
    }

    @Test
    void aScanOfAShipmentThatIsNotOneOfTheOrdersPartsMovesNothing() {
        given(RELEASED, SagaStep.AWAITING_PICK).allowingSplit().reservedAcross(BERLIN, ROTTERDAM).everyPartBooked()
                .when(pickedUp("shp-cancelled-long-ago"))
                .expectNothingChanged()
                .expectStep(SagaStep.AWAITING_PICK);
    }

    @Test
    void aPickShortageInOnePartWithdrawsEveryReleaseCancelsBothShipmentsAndReservesElsewhere() {
        given(RELEASED, SagaStep.AWAITING_PICK).allowingSplit().reservedAcross(BERLIN, ROTTERDAM).everyPartBooked()
                .when(pickShortageAt(ROTTERDAM))
                .expectReleaseWithdrawn()
                .expectCommand(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED, c -> assertEquals("shp-WH-BERLIN", c.shipmentId()))
                .expectCommand(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED, c -> assertEquals("shp-WH-ROTTERDAM", c.shipmentId()))
                .expectCommand(OrderEvents.STOCK_RELEASE_REQUESTED)
                .expectCommand(OrderEvents.STOCK_RESERVATION_REQUESTED,
                        r -> assertEquals(List.of(BERLIN), r.candidateWarehouses()))
                .expectNoMoreCommands()
                .expectStep(SagaStep.RESERVING_STOCK);
    }

    @Test
    void aShortageAfterAnotherPartShippedHoldsRatherThanShipThoseGoodsTwiceAndARetryReleasesOnlyTheShortPart() {
        given(RELEASED, SagaStep.AWAITING_PICK).allowingSplit().reservedAcross(BERLIN, ROTTERDAM).everyPartBooked()
                .when(pickedUp("shp-WH-BERLIN"))
                .then(pickShortageAt(ROTTERDAM))
                .expectNoMoreCommands()
                .expectMoves(ON_HOLD)
                .expectHoldReasonContaining("after the part from WH-BERLIN shipped")
                .then(operatorRetries())
                .expectNoMoreCommands()
                .expectMoves(BOOKED)
                .expectReleases(1)
                .expectReleaseTo("northwind-3pl", ROTTERDAM)
                .expectStep(SagaStep.RELEASING_TO_WAREHOUSE);
    }

    @Test
    void cancellingASplitOrderWaitsForEveryPartnerBeforeGivingBackShipmentsAndStock() {
        given(RELEASED, SagaStep.AWAITING_PICK).allowingSplit().reservedAcross(BERLIN, ROTTERDAM).everyPartBooked()
                .when(cancelled("customer changed mind"))
                .expectReleaseCancellationAsked()
                .expectStep(SagaStep.CANCELLING)
                .then(releaseCancelledIn(BERLIN))
                .expectNoMoreCommands()
                .expectMoves()
                .expectStep(SagaStep.CANCELLING)
                .then(releaseCancelledIn(ROTTERDAM))
                .expectCommand(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED)
                .expectCommand(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED)
                .expectCommand(OrderEvents.STOCK_RELEASE_REQUESTED)
                .expectNoMoreCommands()
                .expectMoves(CANCELLED)
                .expectStep(SagaStep.CANCELLED);
    }

    @Test
    void whenOnePartnerAlreadyShippedTheOrderFollowsThoseGoodsAndOnlyTheOtherShipmentIsCancelled() {
        Expectations followed = given(RELEASED, SagaStep.AWAITING_PICK).allowingSplit()
                .reservedAcross(BERLIN, ROTTERDAM).everyPartBooked()
                .when(cancelled("customer changed mind"))
                .then(releaseCancelRefusedIn(BERLIN))
                .expectNoMoreCommands()
                .expectMoves()
                .then(releaseCancelledIn(ROTTERDAM))
                .expectCommand(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED,
                        c -> assertEquals("shp-WH-ROTTERDAM", c.shipmentId()))
                .expectCommand(OrderEvents.STOCK_RELEASE_REQUESTED, r -> {
                    assertEquals(List.of(ROTTERDAM), r.warehouseIds(), "only the cancelled part's stock");
                    assertEquals("res-1", r.reservationId());
                })
                .expectNoMoreCommands()
                .expectMoves(SHIPPED)
                .expectStep(SagaStep.IN_TRANSIT)
                .expectAttentionContaining("need a return")
                .expectAttentionContaining("WH-ROTTERDAM was cancelled and its stock released");
        assertEquals(List.of(BERLIN), followed.state().parts.stream().map(FulfilmentPart::warehouseId).toList());
        assertTrue(followed.state().stockRequested, "the rest of the reservation is held for Berlin's goods");
        assertEquals("res-1", followed.state().reservationId);
        followed.then(deliveredAs("shp-WH-BERLIN")).expectMoves(DELIVERED);
    }

    @Test
    void anOverdueAcknowledgementNamesOnlyThePartnerThatIsSilent() {
        Expectations flagged = given(RELEASED, SagaStep.AWAITING_PICK).allowingSplit()
                .reservedAcross(BERLIN, ROTTERDAM).everyPartBooked()
                .when(acknowledgedIn(BERLIN, NOW))
                .then(clockAt(NOW.plus(DEADLINES.acknowledgeRelease()).plusSeconds(120)))
                .expectAttentionContaining("northwind-3pl did not acknowledge");
        assertFalse(flagged.state().attention.startsWith("acme-3pl"), flagged.state().attention);
    }

    @Test
    void theShipDeadlineRunsOnlyOnceEveryPartnerAcknowledged() {
        given(RELEASED, SagaStep.AWAITING_PICK).allowingSplit().reservedAcross(BERLIN, ROTTERDAM).everyPartBooked()
                .when(acknowledgedIn(BERLIN, NOW))
                .expectDeadline(NOW.plusSeconds(60))
                .then(acknowledgedIn(ROTTERDAM, NOW))
                .expectDeadline(NOW.plus(DEADLINES.shipRelease()));
    }
}
