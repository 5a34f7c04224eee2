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

    public SagaScenario reservedIn(String warehouseId) {
        state.reservationId = "res-1";
        state.warehouseId = warehouseId;
        state.stockRequested = true;
        return this;
    }

    public SagaScenario bookedAs(String shipmentId) {
        state.shipmentId = shipmentId;
        state.carrierId = "swiftpost";
        state.trackingNumber = "TRACK-1";
        return this;
    }

    public SagaScenario releasedTo(String partnerId) {
        state.partnerId = partnerId;
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
        state.triedCarriers = new ArrayList<>(List.of(carriers));
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
        return new Expectations(state, outcome);
    }

    // ------------------------------------------------------------------ events

    public static Event start(String rule, List<String> warehouses, List<String> carriers) {
        return (saga, state, order) -> saga.start(state, order,
                new io.waybill.order.routing.RoutingDecision(rule, warehouses, carriers), NOW);
    }

    public static Event stockReservedIn(String warehouseId) {
        return stockReservedIn(warehouseId, NOW.plus(Duration.ofHours(2)));
    }

    /** Inventory split the order's allocation across several warehouses (the order allows splitting). */
    public static Event stockReservedAcross(String... warehouseIds) {
        return (saga, state, order) -> saga.onStockReserved(state, order,
                new Replies.StockReserved("res-1", List.of(warehouseIds), NOW.plus(Duration.ofHours(2))), NOW);
    }

    public static Event stockReservedIn(String warehouseId, Instant expiresAt) {
        return (saga, state, order) -> saga.onStockReserved(state, order,
                new Replies.StockReserved("res-1", List.of(warehouseId), expiresAt), NOW);
    }

    /** inventory-service released (e.g. let lapse) or refused to confirm {@code reservationId}. */
    public static Event reservationLost(String reservationId) {
        return (saga, state, order) -> saga.onReservationLost(state, order,
                new Replies.ReservationLost(reservationId, "released by inventory-service (expired)"), NOW);
    }

    public static Event acknowledged(Instant at) {
        return (saga, state, order) -> saga.onAcknowledged(state, order, "acme-3pl", at);
    }

    public static Event releaseCancelled() {
        return (saga, state, order) -> saga.onReleaseCancelled(state, order, "acme-3pl",
                "acme-3pl cancelled the release", NOW);
    }

    public static Event releaseCancelRefused() {
        return (saga, state, order) -> saga.onReleaseCancelRefused(state, order, "acme-3pl",
                "acme-3pl had already shipped the release", NOW);
    }

    public static Event reservationRejected(String reason) {
        return (saga, state, order) -> saga.onReservationRejected(state, order,
                new Replies.ReservationRejected(reason, "SKU-1 wanted 2, available 0"), NOW);
    }

    public static Event shipmentBooked(String shipmentId, String carrierId) {
        return (saga, state, order) -> saga.onShipmentBooked(state, order,
                new Replies.ShipmentBooked(shipmentId, carrierId, "TRACK-" + shipmentId), NOW);
    }

    public static Event bookingFailed(String... tried) {
        return (saga, state, order) -> saga.onBookingFailed(state, order,
                new Replies.BookingFailed("no rate for the parcel", List.of(tried)), NOW);
    }

    public static Event handedToWarehouse() {
        return (saga, state, order) -> saga.onHandedToWarehouse(state, order, NOW);
    }

    public static Event shipped() {
        return (saga, state, order) -> saga.onShipped(state, order, "carrier: picked up", NOW);
    }

    public static Event delivered() {
        return (saga, state, order) -> saga.onDelivered(state, order, "carrier: delivered", NOW);
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
        private final OrderSaga state;
        private final SagaOutcome outcome;
        private final List<SagaOutcome.Command> unchecked;

        Expectations(OrderSaga state, SagaOutcome outcome) {
            this.state = state;
            this.outcome = outcome;
            this.unchecked = new ArrayList<>(outcome.commands());
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
            assertTrue(outcome.release().isPresent(), "a warehouse release");
            assertEquals(partnerId, outcome.release().get().partnerId());
            assertEquals(warehouseId, outcome.release().get().warehouseId());
            return this;
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
            assertFalse(outcome.release().isPresent(), "no release");
            return this;
        }

        public OrderSaga state() {
            return state;
        }

        private List<String> names() {
            return outcome.commands().stream().map(c -> c.type().name()).toList();
        }
    }

    private static SagaOrder order(String orderId, OrderStatus status) {
        return new SagaOrder(orderId, "C-1", status, ServiceLevel.STANDARD,
                new Address("Erika", null, "Hauptstrasse 5", null, "Berlin", null, "10115", "DE", null, null),
                List.of(new OrderLine("1", "SKU-1", Quantity.each(2))), false,
                List.of(new Parcel(new BigDecimal("7"), new BigDecimal("60"), new BigDecimal("50"), new BigDecimal("40"))));
    }

    private static RoutingRules defaultRouting() {
        try (InputStream in = SagaScenario.class.getClassLoader().getResourceAsStream("routing/routing-rules.yaml")) {
            return new RoutingRulesLoader().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
