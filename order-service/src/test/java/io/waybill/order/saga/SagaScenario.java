package io.waybill.order.saga;

import io.waybill.events.EventType;
import io.waybill.model.Address;
import io.waybill.model.Quantity;
import io.waybill.model.order.OrderLine;
import io.waybill.model.order.OrderStatus;
import io.waybill.model.order.Parcel;
import io.waybill.model.order.ServiceLevel;
import io.waybill.order.routing.RoutingRules;
import io.waybill.order.routing.RoutingRulesLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A unit-test language for the saga, after eventuate's: <em>given</em> an order whose saga is in some step,
 * <em>when</em> a participant replies (or time passes, or an operator acts), <em>expect</em> these commands and
 * compensations, these lifecycle moves, this step. No database, no broker: the saga's decisions alone.
 * <pre>
 * given(ALLOCATING, RESERVING_STOCK)
 *     .when(stockReservedIn("WH-BERLIN"))
 *     .expectMoves(ALLOCATED, BOOKING)
 *     .expectCommand(SHIPMENT_BOOKING_REQUESTED, booking -> ...)
 * </pre>
 */
public final class SagaScenario {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final SagaDeadlines DEADLINES = new SagaDeadlines() {
        @Override
        public Duration reserveStock() {
            return Duration.ofMinutes(15);
        }

        @Override
        public Duration bookShipment() {
            return Duration.ofMinutes(30);
        }

        @Override
        public Duration releaseToWarehouse() {
            return Duration.ofHours(2);
        }

        @Override
        public Duration acknowledgeRelease() {
            return Duration.ofHours(4);
        }

        @Override
        public Duration shipRelease() {
            return Duration.ofHours(48);
        }

        @Override
        public Duration cancelAtWarehouse() {
            return Duration.ofHours(4);
        }
    };
    static final RoutingRules ROUTING = defaultRouting();
    static final OrderFulfilmentSaga SAGA = new OrderFulfilmentSaga(DEADLINES, ROUTING);

    private final OrderSaga state;
    private OrderStatus status;

    private SagaScenario(OrderStatus status, SagaStep step) {
        this.status = status;
        this.state = OrderSaga.begin("ord-1", NOW.minusSeconds(60));
        state.step = step;
        state.routingRule = "europe-default";
        state.candidateWarehouses = new ArrayList<>(List.of("WH-BERLIN", "WH-ROTTERDAM"));
        state.allowedCarriers = new ArrayList<>(List.of("swiftpost", "parcelly", "easypost"));
        state.stockRequested = step != SagaStep.HELD;
        state.stepDeadline = step.hasDeadline() ? NOW.plusSeconds(60) : null;
    }

    /** An order in {@code status} whose saga waits in {@code step}. */
    public static SagaScenario given(OrderStatus status, SagaStep step) {
        return new SagaScenario(status, step);
    }

    /** A new order, before the saga starts. */
    public static SagaScenario givenAcceptedOrder() {
        SagaScenario scenario = new SagaScenario(OrderStatus.VALIDATED, SagaStep.RESERVING_STOCK);
        scenario.state.candidateWarehouses = new ArrayList<>();
        scenario.state.allowedCarriers = new ArrayList<>();
        scenario.state.stockRequested = false;
        return scenario;
    }

    /** Stock for the whole order is reserved in {@code warehouseId}: the order is one part. */
    public SagaScenario reservedIn(String warehouseId) {
        state.reservationId = "res-1";
        state.parts = new ArrayList<>(List.of(FulfilmentPart.reserved(warehouseId, state.orderId, LINES, PARCELS)));
        state.stockRequested = true;
        return this;
    }

    /** Stock is reserved split across {@code warehouseIds}: one part each, one unit of the line in each. */
    public SagaScenario reservedAcross(String... warehouseIds) {
        state.reservationId = "res-1";
        state.parts = new ArrayList<>(java.util.Arrays.stream(warehouseIds).map(w -> FulfilmentPart.reserved(w,
                FulfilmentPart.releaseReference(state.orderId, w, true), List.of(new OrderLine("1", "SKU-1",
                        Quantity.each(1))), PARCELS)).toList());
        state.stockRequested = true;
        return this;
    }

    /**
     * The (first) part is booked as {@code shipmentId}; in a step after hand-over, its partner (by routing) has the
     * release too.
     */
    public SagaScenario bookedAs(String shipmentId) {
        if (state.parts.isEmpty()) {
            state.parts = new ArrayList<>(List.of(FulfilmentPart.reserved("WH-BERLIN", state.orderId, LINES, PARCELS)));
        }
        FulfilmentPart part = state.parts.getFirst().booked(shipmentId, "swiftpost", "TRACK-1");
        if (state.step == SagaStep.AWAITING_PICK || state.step == SagaStep.CANCELLING) {
            part = part.releasingTo(ROUTING.warehouse(part.warehouseId()).partnerId()).at(FulfilmentPart.Progress.RELEASED);
        } else if (state.step == SagaStep.RELEASING_TO_WAREHOUSE) {
            part = part.releasingTo(ROUTING.warehouse(part.warehouseId()).partnerId());
        }
        state.update(part);
        return this;
    }

    /** Every part is booked (shipment "shp-" + warehouse) and, in a step after hand-over, released. */
    public SagaScenario everyPartBooked() {
        for (FulfilmentPart part : List.copyOf(state.parts)) {
            FulfilmentPart booked = part.booked("shp-" + part.warehouseId(), "swiftpost", "TRACK-" + part.warehouseId())
                    .releasingTo(ROUTING.warehouse(part.warehouseId()).partnerId());
            state.update(state.step == SagaStep.AWAITING_PICK || state.step == SagaStep.CANCELLING
                    ? booked.at(FulfilmentPart.Progress.RELEASED) : booked);
        }
        return this;
    }

    public SagaScenario releasedTo(String partnerId) {
        state.updateAll(p -> new FulfilmentPart(p.warehouseId(), p.releaseReference(), p.lines(), p.parcels(),
                p.progress(), partnerId, p.shipmentId(), p.carrierId(), p.trackingNumber(), p.triedCarriers(),
                p.acknowledgedAt(), p.cancelAnswer()));
        return this;
    }

    public SagaScenario candidates(String... warehouses) {
        state.candidateWarehouses = new ArrayList<>(List.of(warehouses));
        return this;
    }

    public SagaScenario carriers(String... carriers) {
        state.allowedCarriers = new ArrayList<>(List.of(carriers));
        return this;
    }

    public SagaScenario alreadyTried(String... carriers) {
        state.updateAll(p -> p.tried(List.of(carriers)));
        return this;
    }

    public SagaScenario heldAt(SagaStep step, String reason) {
        state.heldAtStep = step;
        state.holdReason = reason;
        state.step = SagaStep.HELD;
        state.stepDeadline = null;
        return this;
    }

    public SagaScenario cancelling(String reason) {
        state.cancelReason = reason;
        state.updateAll(p -> p.cancellation(FulfilmentPart.CancelAnswer.ASKED));
        return this;
    }

    public SagaScenario deadlineAt(Instant deadline) {
        state.stepDeadline = deadline;
        return this;
    }

    /** What happens to the saga: a reply, a deadline, an operator. */
    @FunctionalInterface
    public interface Event {
        SagaOutcome apply(OrderFulfilmentSaga saga, OrderSaga state, SagaOrder order);
    }

    public Expectations when(Event event) {
        SagaOrder order = order(state.orderId, status);
        SagaOutcome outcome = event.apply(SAGA, state, order);
        outcome.moves().forEach(move -> status = move.status());
        return new Expectations(this, outcome);
    }

    // ------------------------------------------------------------------ events

    public static Event start(String rule, List<String> warehouses, List<String> carriers) {
        return (saga, state, order) -> saga.start(state, order,
                new io.waybill.order.routing.RoutingDecision(rule, warehouses, carriers), NOW);
    }

    public static Event stockReservedIn(String warehouseId) {
        return stockReservedIn(warehouseId, NOW.plus(Duration.ofHours(2)));
    }

    /** Inventory split the order's allocation across several warehouses: one unit of the line in each. */
    public static Event stockReservedAcross(String... warehouseIds) {
        return (saga, state, order) -> saga.onStockReserved(state, order, new Replies.StockReserved("res-1",
                java.util.Arrays.stream(warehouseIds).map(w -> new Replies.ReservedPart(w,
                        List.of(new OrderLine("1", "SKU-1", Quantity.each(1))), List.of(new Parcel(
                                new BigDecimal("3.5"), new BigDecimal("60"), new BigDecimal("50"), new BigDecimal("40")))))
                        .toList(), NOW.plus(Duration.ofHours(2))), NOW);
    }

    public static Event stockReservedIn(String warehouseId, Instant expiresAt) {
        return (saga, state, order) -> saga.onStockReserved(state, order, new Replies.StockReserved("res-1",
                List.of(new Replies.ReservedPart(warehouseId, LINES, PARCELS)), expiresAt), NOW);
    }

    /** inventory-service released (e.g. let lapse) or refused to confirm {@code reservationId}. */
    public static Event reservationLost(String reservationId) {
        return (saga, state, order) -> saga.onReservationLost(state, order,
                new Replies.ReservationLost(reservationId, "released by inventory-service (expired)"), NOW);
    }

    public static Event acknowledged(Instant at) {
        return (saga, state, order) -> saga.onAcknowledged(state, order, first(state), "acme-3pl", at);
    }

    public static Event acknowledgedIn(String warehouseId, Instant at) {
        return (saga, state, order) -> saga.onAcknowledged(state, order, warehouseId, partnerOf(warehouseId), at);
    }

    public static Event releaseCancelled() {
        return releaseCancelledIn(null);
    }

    /** The partner of {@code warehouseId} (null: the first part's) cancelled its release. */
    public static Event releaseCancelledIn(String warehouseId) {
        return (saga, state, order) -> {
            String warehouse = warehouseId == null ? first(state) : warehouseId;
            return saga.onReleaseCancelled(state, order, warehouse, partnerOf(warehouse),
                    partnerOf(warehouse) + " cancelled the release", NOW);
        };
    }

    public static Event releaseCancelRefused() {
        return releaseCancelRefusedIn(null);
    }

    public static Event releaseCancelRefusedIn(String warehouseId) {
        return (saga, state, order) -> {
            String warehouse = warehouseId == null ? first(state) : warehouseId;
            return saga.onReleaseCancelRefused(state, order, warehouse, partnerOf(warehouse),
                    partnerOf(warehouse) + " had already shipped the release", NOW);
        };
    }

    private static String first(OrderSaga state) {
        return state.parts.isEmpty() ? "WH-BERLIN" : state.parts.getFirst().warehouseId();
    }

    private static String partnerOf(String warehouseId) {
        return ROUTING.warehouse(warehouseId).partnerId();
    }

    public static Event reservationRejected(String reason) {
        return (saga, state, order) -> saga.onReservationRejected(state, order,
                new Replies.ReservationRejected(reason, "SKU-1 wanted 2, available 0"), NOW);
    }

    /** Booked, by a publisher that does not name the warehouse (as older shipment-services did). */
    public static Event shipmentBooked(String shipmentId, String carrierId) {
        return shipmentBookedFrom(null, shipmentId, carrierId);
    }

    public static Event shipmentBookedFrom(String warehouseId, String shipmentId, String carrierId) {
        return (saga, state, order) -> saga.onShipmentBooked(state, order,
                new Replies.ShipmentBooked(shipmentId, carrierId, "TRACK-" + shipmentId, warehouseId), NOW);
    }

    public static Event bookingFailed(String... tried) {
        return bookingFailedFrom(null, tried);
    }

    public static Event bookingFailedFrom(String warehouseId, String... tried) {
        return (saga, state, order) -> saga.onBookingFailed(state, order,
                new Replies.BookingFailed("no rate for the parcel", List.of(tried), warehouseId), NOW);
    }

    public static Event handedToWarehouse() {
        return (saga, state, order) -> saga.onHandedToWarehouse(state, order, first(state), NOW);
    }

    public static Event handedOverIn(String warehouseId) {
        return (saga, state, order) -> saga.onHandedToWarehouse(state, order, warehouseId, NOW);
    }

    /** The carrier picked up the (first) part's shipment. */
    public static Event shipped() {
        return (saga, state, order) -> saga.onParcelMoving(state, order,
                state.parts.isEmpty() ? null : state.parts.getFirst().shipmentId(), "carrier: picked up", NOW);
    }

    /** The carrier picked up {@code shipmentId}. */
    public static Event pickedUp(String shipmentId) {
        return (saga, state, order) -> saga.onParcelMoving(state, order, shipmentId, "carrier: picked up", NOW);
    }

    /** The partner of {@code warehouseId} confirms its part shipped. */
    public static Event shippedFrom(String warehouseId) {
        return (saga, state, order) -> saga.onShippedFrom(state, order, warehouseId,
                "shipped by " + partnerOf(warehouseId), NOW);
    }

    public static Event delivered() {
        return (saga, state, order) -> saga.onDelivered(state, order,
                state.parts.isEmpty() ? null : state.parts.getFirst().shipmentId(), "carrier: delivered", NOW);
    }

    public static Event deliveredAs(String shipmentId) {
        return (saga, state, order) -> saga.onDelivered(state, order, shipmentId, "carrier: delivered", NOW);
    }

    public static Event pickShortageAt(String warehouseId) {
        return (saga, state, order) -> saga.onPickShortage(state, order,
                new Replies.PickShortage(warehouseId, "SKU-1", "1", "acme-3pl"), NOW);
    }

    public static Event cancelled(String reason) {
        return (saga, state, order) -> saga.cancel(state, order, reason, NOW);
    }

    public static Event clockAt(Instant at) {
        return (saga, state, order) -> saga.deadlinePassed(state, order, at);
    }

    public static Event operatorRetries() {
        return (saga, state, order) -> saga.retry(state, order, "ops-console", NOW);
    }

    // ------------------------------------------------------------------ expectations

    public static final class Expectations {
        private final SagaScenario scenario;
        private final OrderSaga state;
        private final SagaOutcome outcome;
        private final List<SagaOutcome.Command> unchecked;

        Expectations(SagaScenario scenario, SagaOutcome outcome) {
            this.scenario = scenario;
            this.state = scenario.state;
            this.outcome = outcome;
            this.unchecked = new ArrayList<>(outcome.commands());
        }

        /** What happens next to the same order, now in the status the moves so far left it in. */
        public Expectations then(Event event) {
            return scenario.when(event);
        }

        /** The next command sent, in order, is of this type; {@code check} looks inside it. */
        public <T> Expectations expectCommand(EventType<T> type, Consumer<T> check) {
            if (unchecked.isEmpty()) {
                fail("Expected " + type.name() + " but no (further) command was sent; sent: " + names());
            }
            SagaOutcome.Command command = unchecked.removeFirst();
            assertEquals(type, command.type(), "next command; all sent: " + names());
            check.accept(type.payloadType().cast(command.payload()));
            return this;
        }

        public <T> Expectations expectCommand(EventType<T> type) {
            return expectCommand(type, payload -> { });
        }

        /** No command beyond those already expected. */
        public Expectations expectNoMoreCommands() {
            assertTrue(unchecked.isEmpty(), "unexpected commands: " + unchecked.stream().map(c -> c.type().name()).toList());
            return this;
        }

        public Expectations expectMoves(OrderStatus... statuses) {
            assertEquals(List.of(statuses), outcome.moves().stream().map(SagaOutcome.StatusMove::status).toList());
            return this;
        }

        public Expectations expectStep(SagaStep step) {
            assertEquals(step, state.step);
            return this;
        }

        public Expectations expectDeadline(Instant deadline) {
            assertEquals(deadline, state.stepDeadline);
            return this;
        }

        public Expectations expectHoldReasonContaining(String text) {
            assertEquals(SagaStep.HELD, state.step, "saga should be held");
            assertNotNull(state.holdReason);
            assertTrue(state.holdReason.contains(text), "hold reason '" + state.holdReason + "' should mention " + text);
            String moveReason = outcome.moves().getLast().reason();
            assertEquals(state.holdReason, moveReason, "the order's status reason is the hold reason");
            return this;
        }

        public Expectations expectReleaseTo(String partnerId, String warehouseId) {
            assertTrue(outcome.releases().stream().anyMatch(r -> r.partnerId().equals(partnerId)
                    && r.warehouseId().equals(warehouseId)), "a release to " + partnerId + " for " + warehouseId
                    + "; released: " + outcome.releases());
            return this;
        }

        public Expectations expectReleases(int count) {
            assertEquals(count, outcome.releases().size(), "releases: " + outcome.releases());
            return this;
        }

        public FulfilmentPart part(String warehouseId) {
            return state.partIn(warehouseId).orElseThrow(() -> new AssertionError("no part in " + warehouseId
                    + ": " + state.parts));
        }

        public Expectations expectReleaseWithdrawn() {
            assertTrue(outcome.releaseWithdrawn(), "the warehouse release should be withdrawn");
            return this;
        }

        /** The partner is asked to cancel the release, and the order waits for its answer. */
        public Expectations expectReleaseCancellationAsked() {
            assertTrue(outcome.releaseCancellation().isPresent(), "the partner should be asked to cancel the release");
            assertFalse(outcome.releaseWithdrawn(), "a cancellation, not a mere withdrawal");
            return this;
        }

        public Expectations expectAttentionContaining(String text) {
            assertNotNull(state.attention, "the order should be flagged for an operator");
            assertTrue(state.attention.contains(text), "attention '" + state.attention + "' should mention " + text);
            return this;
        }

        public Expectations expectTrail(String kind) {
            assertTrue(outcome.trail().stream().anyMatch(t -> t.kind().equals(kind)),
                    "trail should have a " + kind + " entry: " + outcome.trail());
            return this;
        }

        public Expectations expectNothingChanged() {
            assertTrue(outcome.moves().isEmpty(), "no lifecycle move: " + outcome.moves());
            assertTrue(outcome.commands().isEmpty(), "no command: " + names());
            assertTrue(outcome.releases().isEmpty(), "no release");
            return this;
        }

        public OrderSaga state() {
            return state;
        }

        private List<String> names() {
            return outcome.commands().stream().map(c -> c.type().name()).toList();
        }
    }

    private static final List<OrderLine> LINES = List.of(new OrderLine("1", "SKU-1", Quantity.each(2)));
    private static final List<Parcel> PARCELS = List.of(new Parcel(new BigDecimal("7"), new BigDecimal("60"),
            new BigDecimal("50"), new BigDecimal("40")));

    private boolean allowSplit;

    /** The order allows split shipments. */
    public SagaScenario allowingSplit() {
        allowSplit = true;
        return this;
    }

    private SagaOrder order(String orderId, OrderStatus status) {
        return new SagaOrder(orderId, "C-1", status, ServiceLevel.STANDARD,
                new Address("Erika", null, "Hauptstrasse 5", null, "Berlin", null, "10115", "DE", null, null),
                LINES, allowSplit, PARCELS);
    }

    private static RoutingRules defaultRouting() {
        try (InputStream in = SagaScenario.class.getClassLoader().getResourceAsStream("routing/routing-rules.yaml")) {
            return new RoutingRulesLoader().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
