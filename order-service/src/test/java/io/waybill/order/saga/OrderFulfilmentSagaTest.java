package io.waybill.order.saga;

import io.waybill.events.order.OrderEvents;
import io.waybill.foundation.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.waybill.model.order.OrderStatus.*;
import static io.waybill.order.saga.SagaScenario.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The saga's decisions, step by step, in the order the business runs them. */
class OrderFulfilmentSagaTest {

    @Test
    void anAcceptedOrderAsksInventoryToReserveInTheRoutedWarehouses() {
        givenAcceptedOrder()
                .when(start("europe-default", List.of("WH-BERLIN", "WH-ROTTERDAM"), List.of("swiftpost", "parcelly")))
                .expectMoves(ALLOCATING)
                .expectCommand(OrderEvents.STOCK_RESERVATION_REQUESTED, request -> {
                    assertEquals(List.of("WH-BERLIN", "WH-ROTTERDAM"), request.candidateWarehouses());
                    assertEquals("SKU-1", request.lines().getFirst().sku());
                })
                .expectNoMoreCommands()
                .expectStep(SagaStep.RESERVING_STOCK)
                .expectDeadline(NOW.plusSeconds(15 * 60));
    }

    @Test
    void reservedStockLeadsToABookingWithTheAllowedCarriersInOrder() {
        given(ALLOCATING, SagaStep.RESERVING_STOCK)
                .when(stockReservedIn("WH-BERLIN"))
                .expectMoves(ALLOCATED, BOOKING)
                .expectCommand(OrderEvents.SHIPMENT_BOOKING_REQUESTED, booking -> {
                    assertEquals("WH-BERLIN", booking.warehouseId());
                    assertEquals(List.of("swiftpost", "parcelly", "easypost"), booking.allowedCarriers());
                })
                .expectNoMoreCommands()
                .expectStep(SagaStep.BOOKING_SHIPMENT);
    }

    @Test
    void aSplitAllocationForAnOrderThatDoesNotAllowSplittingIsGivenBackAndHeld() {
        given(ALLOCATING, SagaStep.RESERVING_STOCK)
                .when(stockReservedAcross("WH-BERLIN", "WH-ROTTERDAM"))
                .expectMoves(ON_HOLD)
                .expectCommand(OrderEvents.STOCK_RELEASE_REQUESTED, release -> assertEquals("res-1", release.reservationId()))
                .expectNoMoreCommands()
                .expectHoldReasonContaining("split across WH-BERLIN, WH-ROTTERDAM although the order does not allow");
    }

    @Test
    void rejectedReservationHoldsTheOrderWithTheShortagesAndCompensatesNothing() {
        given(ALLOCATING, SagaStep.RESERVING_STOCK)
                .when(reservationRejected("insufficient-stock"))
                .expectMoves(ON_HOLD)
                .expectNoMoreCommands()
                .expectHoldReasonContaining("insufficient-stock (SKU-1 wanted 2, available 0)");
    }

    @Test
    void bookedShipmentReleasesToThePartnerOfTheReservingWarehouse() {
        given(BOOKING, SagaStep.BOOKING_SHIPMENT).reservedIn("WH-ROTTERDAM")
                .when(shipmentBooked("shp-1", "swiftpost"))
                .expectMoves(BOOKED)
                .expectNoMoreCommands()
                .expectReleaseTo("northwind-3pl", "WH-ROTTERDAM")
                .expectStep(SagaStep.RELEASING_TO_WAREHOUSE);
    }

    @Test
    void bookingFailureFallsBackToTheAllowedCarriersNotYetTried() {
        given(BOOKING, SagaStep.BOOKING_SHIPMENT).reservedIn("WH-BERLIN")
                .when(bookingFailed("swiftpost"))
                .expectMoves()
                .expectCommand(OrderEvents.SHIPMENT_BOOKING_REQUESTED,
                        booking -> assertEquals(List.of("parcelly", "easypost"), booking.allowedCarriers()))
                .expectNoMoreCommands()
                .expectTrail("FALLBACK")
                .expectStep(SagaStep.BOOKING_SHIPMENT);
    }

    @Test
    void noCarrierLeftReleasesTheStockAndHoldsTheOrderWithAnActionableReason() {
        given(BOOKING, SagaStep.BOOKING_SHIPMENT).reservedIn("WH-BERLIN").alreadyTried("swiftpost")
                .when(bookingFailed("parcelly", "easypost"))
                .expectMoves(ON_HOLD)
                .expectCommand(OrderEvents.STOCK_RELEASE_REQUESTED, release -> {
                    assertEquals("res-1", release.reservationId());
                    assertEquals("no carrier can take the shipment", release.reason());
                })
                .expectNoMoreCommands()
                .expectHoldReasonContaining("no allowed carrier can ship the order");
    }

    @Test
    void aFailureThatNamesNoCarrierCountsEveryOfferedCarrierAsTried() {
        given(BOOKING, SagaStep.BOOKING_SHIPMENT).reservedIn("WH-BERLIN")
                .when(bookingFailed())
                .expectCommand(OrderEvents.STOCK_RELEASE_REQUESTED)
                .expectNoMoreCommands()
                .expectMoves(ON_HOLD);
    }

    @Test
    void handOverReleasesTheOrderAndAnnouncesIt() {
        given(BOOKED, SagaStep.RELEASING_TO_WAREHOUSE).reservedIn("WH-BERLIN").bookedAs("shp-1").releasedTo("acme-3pl")
                .when(handedToWarehouse())
                .expectMoves(RELEASED)
                .expectCommand(OrderEvents.RELEASED_TO_WAREHOUSE, released -> {
                    assertEquals("acme-3pl", released.partnerId());
                    assertEquals("shp-1", released.shipmentId());
                    assertEquals("TRACK-1", released.trackingNumber());
                })
                .expectStep(SagaStep.AWAITING_PICK);
    }

    @Test
    void pickShortageReallocatesToTheOtherWarehouseAfterReleasingStockAndShipment() {
        given(RELEASED, SagaStep.AWAITING_PICK).reservedIn("WH-BERLIN").bookedAs("shp-1").releasedTo("acme-3pl")
                .when(pickShortageAt("WH-BERLIN"))
                .expectReleaseWithdrawn()
                .expectCommand(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED,
                        cancel -> assertEquals("shp-1", cancel.shipmentId()))
                .expectCommand(OrderEvents.STOCK_RELEASE_REQUESTED)
                .expectCommand(OrderEvents.STOCK_RESERVATION_REQUESTED,
                        again -> assertEquals(List.of("WH-ROTTERDAM"), again.candidateWarehouses()))
                .expectNoMoreCommands()
                .expectMoves(ALLOCATING)
                .expectStep(SagaStep.RESERVING_STOCK);
    }

    @Test
    void pickShortageWithNoOtherWarehouseHoldsTheOrderAndKeepsItsStock() {
        given(RELEASED, SagaStep.AWAITING_PICK).candidates("WH-BERLIN").reservedIn("WH-BERLIN").bookedAs("shp-1")
                .when(pickShortageAt("WH-BERLIN"))
                .expectReleaseWithdrawn()
                .expectNoMoreCommands()
                .expectMoves(ON_HOLD)
                .expectHoldReasonContaining("no other warehouse may serve the order");
    }

    @Test
    void cancelledWhileReservingAsksInventoryToReleaseWhateverItReserves() {
        given(ALLOCATING, SagaStep.RESERVING_STOCK)
                .when(cancelled("customer changed their mind"))
                .expectCommand(OrderEvents.STOCK_RELEASE_REQUESTED)
                .expectNoMoreCommands()
                .expectMoves(CANCELLED)
                .expectStep(SagaStep.CANCELLED);
    }

    @Test
    void cancelledAfterReleaseAsksThePartnerToCancelAndKeepsStockAndShipmentUntilItAnswers() {
        Expectations cancelling = given(RELEASED, SagaStep.AWAITING_PICK).reservedIn("WH-BERLIN").bookedAs("shp-9")
                .releasedTo("acme-3pl")
                .when(cancelled("fraud suspected"))
                .expectReleaseCancellationAsked()
                .expectNoMoreCommands()
                .expectMoves()
                .expectStep(SagaStep.CANCELLING)
                .expectDeadline(NOW.plus(DEADLINES.cancelAtWarehouse()));
        assertEquals("res-1", cancelling.state().reservationId, "stock stays reserved while the partner may pick");
    }

    @Test
    void thePartnersConfirmedCancellationCancelsTheShipmentAndReleasesTheStock() {
        Expectations cancelling = given(RELEASED, SagaStep.AWAITING_PICK).reservedIn("WH-BERLIN").bookedAs("shp-9")
                .releasedTo("acme-3pl").when(cancelled("fraud suspected"));
        given(RELEASED, SagaStep.CANCELLING).reservedIn("WH-BERLIN").bookedAs("shp-9").releasedTo("acme-3pl")
                .cancelling(cancelling.state().cancelReason)
                .when(releaseCancelled())
                .expectCommand(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED,
                        c -> assertEquals("shp-9", c.shipmentId()))
                .expectCommand(OrderEvents.STOCK_RELEASE_REQUESTED,
                        release -> assertEquals("order cancelled: fraud suspected", release.reason()))
                .expectNoMoreCommands()
                .expectMoves(CANCELLED)
                .expectStep(SagaStep.CANCELLED);
    }

    @Test
    void aPartnerThatAlreadyShippedTurnsTheCancellationIntoAShippedOrderFlaggedForAReturn() {
        given(RELEASED, SagaStep.CANCELLING).reservedIn("WH-BERLIN").bookedAs("shp-9").releasedTo("acme-3pl")
                .cancelling("fraud suspected")
                .when(releaseCancelRefused())
                .expectNoMoreCommands()
                .expectMoves(SHIPPED)
                .expectStep(SagaStep.IN_TRANSIT)
                .expectAttentionContaining("need a return");
    }

    @Test
    void aSecondCancellationWhileThePartnerIsAskedChangesNothing() {
        given(RELEASED, SagaStep.CANCELLING).reservedIn("WH-BERLIN").bookedAs("shp-9").releasedTo("acme-3pl")
                .cancelling("fraud suspected")
                .when(cancelled("again"))
                .expectNothingChanged()
                .expectStep(SagaStep.CANCELLING);
    }

    @Test
    void cancelledBeforeHandOverStillAsksTheLinkWhichAnswersAtOnceIfThePartnerNeverSawIt() {
        given(BOOKED, SagaStep.RELEASING_TO_WAREHOUSE).reservedIn("WH-BERLIN").bookedAs("shp-9").releasedTo("acme-3pl")
                .when(cancelled("customer withdrew"))
                .expectReleaseCancellationAsked()
                .expectNoMoreCommands()
                .expectStep(SagaStep.CANCELLING);
    }

    @Test
    void aHeldOrderWhoseStockWasAlreadyReleasedIsCancelledWithoutCompensation() {
        given(ON_HOLD, SagaStep.HELD).heldAt(SagaStep.BOOKING_SHIPMENT, "no carrier")
                .when(cancelled("gave up"))
                .expectNoMoreCommands()
                .expectMoves(CANCELLED);
    }

    @Test
    void aReservationArrivingAfterCancellationIsGivenStraightBack() {
        Expectations cancelledOrder = given(ALLOCATING, SagaStep.RESERVING_STOCK).when(cancelled("changed mind"));
        given(CANCELLED, SagaStep.CANCELLED)
                .when(stockReservedIn("WH-BERLIN"))
                .expectCommand(OrderEvents.STOCK_RELEASE_REQUESTED,
                        release -> assertEquals("res-1", release.reservationId()))
                .expectMoves();
        assertEquals(SagaStep.CANCELLED, cancelledOrder.state().step);
    }

    @Test
    void aBookingArrivingAfterTheOrderWasHeldWithoutStockIsCancelled() {
        given(ON_HOLD, SagaStep.HELD).heldAt(SagaStep.BOOKING_SHIPMENT, "no carrier; stock released")
                .when(shipmentBooked("shp-late", "parcelly"))
                .expectCommand(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED,
                        cancel -> assertEquals("shp-late", cancel.shipmentId()))
                .expectNoMoreCommands()
                .expectMoves();
    }

    @Test
    void aRedeliveredBookingOfAKnownShipmentChangesNothing() {
        given(RELEASED, SagaStep.AWAITING_PICK).reservedIn("WH-BERLIN").bookedAs("shp-1")
                .when(shipmentBooked("shp-1", "swiftpost"))
                .expectNothingChanged();
    }

    @Test
    void aParcelDeliveredBeforeTheFileExchangeConfirmedItsReleaseStillEndsDelivered() {
        given(BOOKED, SagaStep.RELEASING_TO_WAREHOUSE).reservedIn("WH-ROTTERDAM").bookedAs("shp-1")
                .releasedTo("northwind-3pl")
                .when(delivered())
                .expectMoves(RELEASED, SHIPPED, DELIVERED)
                .expectCommand(OrderEvents.RELEASED_TO_WAREHOUSE,
                        released -> assertEquals("northwind-3pl", released.partnerId()))
                .expectNoMoreCommands()
                .expectTrail("CATCH-UP")
                .expectStep(SagaStep.COMPLETED);
    }

    @Test
    void aParcelPickedUpBeforeTheHandOverWasConfirmedMarksTheOrderShipped() {
        given(BOOKED, SagaStep.RELEASING_TO_WAREHOUSE).reservedIn("WH-BERLIN").bookedAs("shp-1")
                .releasedTo("acme-3pl")
                .when(shipped())
                .expectMoves(RELEASED, SHIPPED)
                .expectStep(SagaStep.IN_TRANSIT);
    }

    @Test
    void theCarriersWordDoesNotMoveAnOrderThatWasNeverBooked() {
        given(BOOKING, SagaStep.BOOKING_SHIPMENT).reservedIn("WH-BERLIN")
                .when(delivered())
                .expectNothingChanged();
    }

    @Test
    void aShippedOrderCannotBeCancelled() {
        assertThrows(ProblemException.class, () -> given(SHIPPED, SagaStep.IN_TRANSIT).when(cancelled("too late")));
    }

    @Test
    void anOverdueReservationHoldsTheOrderNamingTheSilentParticipant() {
        given(ALLOCATING, SagaStep.RESERVING_STOCK).deadlineAt(NOW)
                .when(clockAt(NOW.plusSeconds(1)))
                .expectMoves(ON_HOLD)
                .expectTrail("DEADLINE")
                .expectHoldReasonContaining("inventory-service did not answer");
    }

    @Test
    void aStepStillWithinItsDeadlineIsLeftAlone() {
        given(BOOKING, SagaStep.BOOKING_SHIPMENT).deadlineAt(NOW.plusSeconds(5))
                .when(clockAt(NOW))
                .expectNothingChanged()
                .expectStep(SagaStep.BOOKING_SHIPMENT);
    }

    @Test
    void retryAfterNoCarrierReservesStockAgainAndTriesEveryCarrierAfresh() {
        Expectations retried = given(ON_HOLD, SagaStep.HELD).alreadyTried("swiftpost", "parcelly", "easypost")
                .heldAt(SagaStep.BOOKING_SHIPMENT, "no carrier")
                .when(operatorRetries())
                .expectMoves(ALLOCATING)
                .expectCommand(OrderEvents.STOCK_RESERVATION_REQUESTED)
                .expectStep(SagaStep.RESERVING_STOCK);
        assertEquals(List.of(), retried.state().parts, "the new reservation decides the parts, with no carrier tried");
        assertNull(retried.state().holdReason);
    }

    @Test
    void retryAfterAnOverdueBookingAsksInventoryForTheReservationBeforeBookingAgain() {
        // The hold may have lapsed while the order waited for an operator: never book on it unseen.
        given(ON_HOLD, SagaStep.HELD).reservedIn("WH-BERLIN").heldAt(SagaStep.BOOKING_SHIPMENT, "timeout")
                .when(operatorRetries())
                .expectMoves(ALLOCATING)
                .expectCommand(OrderEvents.STOCK_RESERVATION_REQUESTED,
                        again -> assertEquals(List.of("WH-BERLIN", "WH-ROTTERDAM"), again.candidateWarehouses()))
                .expectNoMoreCommands()
                .expectStep(SagaStep.RESERVING_STOCK);
    }

    @Test
    void aReservationLapsingWhileBookingIsReservedAgainAndTheLateBookingIsThenCancelled() {
        Expectations lapsed = given(BOOKING, SagaStep.BOOKING_SHIPMENT).reservedIn("WH-BERLIN")
                .when(reservationLost("res-1"))
                .expectMoves(ALLOCATING)
                .expectCommand(OrderEvents.STOCK_RESERVATION_REQUESTED)
                .expectNoMoreCommands()
                .expectStep(SagaStep.RESERVING_STOCK);
        assertNull(lapsed.state().reservationId);

        given(ALLOCATING, SagaStep.RESERVING_STOCK)
                .when(shipmentBooked("shp-old", "swiftpost"))
                .expectCommand(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED,
                        cancel -> assertEquals("shp-old", cancel.shipmentId()))
                .expectNoMoreCommands()
                .expectMoves();
    }

    @Test
    void aReservationRefusedForTheBookedShipmentWithdrawsTheReleaseAndReservesAgain() {
        given(RELEASED, SagaStep.AWAITING_PICK).reservedIn("WH-BERLIN").bookedAs("shp-1").releasedTo("acme-3pl")
                .when(reservationLost("res-1"))
                .expectReleaseWithdrawn()
                .expectCommand(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED,
                        cancel -> assertEquals("shp-1", cancel.shipmentId()))
                .expectCommand(OrderEvents.STOCK_RESERVATION_REQUESTED)
                .expectNoMoreCommands()
                .expectMoves(ALLOCATING)
                .expectStep(SagaStep.RESERVING_STOCK);
    }

    @Test
    void aReservationLostWhileHeldIsForgottenSoTheRetryReservesAfresh() {
        Expectations held = given(ON_HOLD, SagaStep.HELD).reservedIn("WH-BERLIN").bookedAs("shp-1")
                .heldAt(SagaStep.RELEASING_TO_WAREHOUSE, "acme-3pl did not take the release")
                .when(reservationLost("res-1"))
                .expectNothingChanged();
        assertNull(held.state().reservationId);
        assertTrue(held.state().holdReason.contains("a retry reserves stock again"), held.state().holdReason);

        given(ON_HOLD, SagaStep.HELD).bookedAs("shp-1")
                .heldAt(SagaStep.RELEASING_TO_WAREHOUSE, "acme-3pl did not take the release")
                .when(operatorRetries())
                .expectReleaseWithdrawn()
                .expectCommand(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED,
                        cancel -> assertEquals("shp-1", cancel.shipmentId()))
                .expectCommand(OrderEvents.STOCK_RESERVATION_REQUESTED)
                .expectNoMoreCommands()
                .expectMoves(ALLOCATING);
    }

    @Test
    void theLossOfAReservationTheOrderNoLongerHoldsChangesNothing() {
        given(BOOKING, SagaStep.BOOKING_SHIPMENT).reservedIn("WH-BERLIN")
                .when(reservationLost("res-older"))
                .expectNothingChanged()
                .expectStep(SagaStep.BOOKING_SHIPMENT);
    }

    @Test
    void aReservationThatLapsesBeforeTheBookingDeadlineIsFlaggedInTheTrail() {
        given(ALLOCATING, SagaStep.RESERVING_STOCK)
                .when(stockReservedIn("WH-BERLIN", NOW.plus(DEADLINES.bookShipment()).minusSeconds(1)))
                .expectTrail("WARNING")
                .expectStep(SagaStep.BOOKING_SHIPMENT);
    }

    @Test
    void aPartnerThatDoesNotAcknowledgeInTimeFlagsTheOrderWithoutStoppingIt() {
        Expectations handedOver = given(BOOKED, SagaStep.RELEASING_TO_WAREHOUSE).reservedIn("WH-BERLIN")
                .bookedAs("shp-1").releasedTo("acme-3pl")
                .when(handedToWarehouse())
                .expectDeadline(NOW.plus(DEADLINES.acknowledgeRelease()));
        given(RELEASED, SagaStep.AWAITING_PICK).reservedIn("WH-BERLIN").bookedAs("shp-1").releasedTo("acme-3pl")
                .deadlineAt(handedOver.state().stepDeadline)
                .when(clockAt(handedOver.state().stepDeadline.plusSeconds(1)))
                .expectNothingChanged()
                .expectTrail("ATTENTION")
                .expectAttentionContaining("acme-3pl did not acknowledge the release within PT4H")
                .expectStep(SagaStep.AWAITING_PICK)
                .expectDeadline(null);
    }

    @Test
    void anAcknowledgedReleaseThatDoesNotShipInTimeFlagsTheOrder() {
        Expectations acked = given(RELEASED, SagaStep.AWAITING_PICK).reservedIn("WH-BERLIN").bookedAs("shp-1")
                .releasedTo("acme-3pl")
                .when(acknowledged(NOW))
                .expectNothingChanged()
                .expectDeadline(NOW.plus(DEADLINES.shipRelease()));
        Instant late = acked.state().stepDeadline.plusSeconds(1);
        SagaOutcome overdue = SAGA.deadlinePassed(acked.state(), null, late);
        assertTrue(overdue.moves().isEmpty(), "the order stays released");
        assertTrue(acked.state().attention.contains("acknowledged the release but did not ship it within PT48H"),
                acked.state().attention);
    }

    @Test
    void aFlaggedOrderStillShipsWhenThePartnerFinallyDoes() {
        Expectations flagged = given(RELEASED, SagaStep.AWAITING_PICK).reservedIn("WH-BERLIN").bookedAs("shp-1")
                .releasedTo("acme-3pl").deadlineAt(NOW.minusSeconds(1))
                .when(clockAt(NOW))
                .expectAttentionContaining("did not acknowledge");

        SagaOutcome shipped = SAGA.onShippedFrom(flagged.state(), new SagaOrder("ord-1", "C-1", RELEASED, null, null,
                List.of(), false, List.of()), "WH-BERLIN", "acme-3pl shipped", NOW);

        assertEquals(List.of(SHIPPED), shipped.moves().stream().map(SagaOutcome.StatusMove::status).toList());
        assertEquals(SagaStep.IN_TRANSIT, flagged.state().step);
        assertNull(flagged.state().attention, "the goods moved: nothing left to chase");
    }

    @Test
    void aLateAcknowledgementClearsTheFlagAndStartsTheShipDeadline() {
        Expectations flagged = given(RELEASED, SagaStep.AWAITING_PICK).reservedIn("WH-BERLIN").bookedAs("shp-1")
                .releasedTo("acme-3pl").deadlineAt(NOW.minusSeconds(1))
                .when(clockAt(NOW))
                .expectAttentionContaining("did not acknowledge");

        SAGA.onAcknowledged(flagged.state(), null, "WH-BERLIN", "acme-3pl", NOW);

        assertNull(flagged.state().attention);
        assertEquals(NOW.plus(DEADLINES.shipRelease()), flagged.state().stepDeadline);
    }

    @Test
    void aPartnerThatDoesNotAnswerACancellationInTimeFlagsTheOrderAndKeepsItsStock() {
        given(RELEASED, SagaStep.CANCELLING).reservedIn("WH-BERLIN").bookedAs("shp-1").releasedTo("acme-3pl")
                .cancelling("fraud suspected").deadlineAt(NOW.minusSeconds(1))
                .when(clockAt(NOW))
                .expectNothingChanged()
                .expectAttentionContaining("did not answer the cancellation")
                .expectStep(SagaStep.CANCELLING);
    }

    @Test
    void onlyAHeldOrderCanBeRetried() {
        assertThrows(ProblemException.class, () -> given(BOOKING, SagaStep.BOOKING_SHIPMENT).when(operatorRetries()));
    }
}
