package io.waybill.order.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventStream;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.inventory.PickShortageReported;
import io.waybill.events.inventory.ReservationConfirmationRefused;
import io.waybill.events.inventory.ReservationRejected;
import io.waybill.events.inventory.ReservationReleased;
import io.waybill.events.inventory.StockReserved;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.foundation.inbox.InboundEvents;
import io.waybill.model.inventory.Allocation;
import io.waybill.model.order.OrderLine;
import io.waybill.order.lifecycle.ChangeSource;
import io.waybill.order.reference.ParcelEstimate;
import io.waybill.order.reference.Product;
import io.waybill.order.reference.ReferenceData;
import io.waybill.order.saga.Replies;
import io.waybill.order.saga.SagaCoordinator;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * inventory-service's answers to the saga: reserved, rejected, pick shortages it learnt of, and the loss of a
 * reservation the saga may still need (released, e.g. expired, or refused for a booked shipment).
 */
@ApplicationScoped
public class InventoryReplies implements EventHandler {

    private static final ChangeSource SOURCE = ChangeSource.event(EventStream.Services.INVENTORY);

    private final InboundEvents inbound;
    private final SagaCoordinator coordinator;
    private final ReferenceData referenceData;

    public InventoryReplies(InboundEvents inbound, SagaCoordinator coordinator, ReferenceData referenceData) {
        this.inbound = inbound;
        this.coordinator = coordinator;
        this.referenceData = referenceData;
    }

    @Incoming("inventory-events")
    public Uni<Void> onMessage(Message<JsonObject> message) {
        return inbound.process(message, this);
    }

    @Override
    public String name() {
        return "order-service.inventory";
    }

    @Override
    public boolean accepts(EventEnvelope event) {
        return event.is(InventoryEvents.STOCK_RESERVED) || event.is(InventoryEvents.RESERVATION_REJECTED)
                || event.is(InventoryEvents.PICK_SHORTAGE_REPORTED) || event.is(InventoryEvents.RESERVATION_RELEASED)
                || event.is(InventoryEvents.RESERVATION_CONFIRMATION_REFUSED);
    }

    @Override
    public Uni<Void> handle(EventEnvelope event) {
        EventContext context = EventContext.causedBy(event);
        var saga = coordinator.saga();
        if (event.is(InventoryEvents.STOCK_RESERVED)) {
            StockReserved reserved = event.dataAs(InventoryEvents.STOCK_RESERVED);
            return reservedParts(reserved.allocations()).chain(parts -> {
                var reply = new Replies.StockReserved(reserved.reservationId(), parts, reserved.expiresAt());
                return coordinator.onReply(reserved.orderId(), SOURCE, context,
                        (state, order, now) -> saga.onStockReserved(state, order, reply, now));
            });
        }
        if (event.is(InventoryEvents.RESERVATION_REJECTED)) {
            ReservationRejected rejected = event.dataAs(InventoryEvents.RESERVATION_REJECTED);
            String shortages = rejected.shortages() == null ? "" : rejected.shortages().stream()
                    .map(s -> s.sku() + " wanted " + s.requested().value().toPlainString() + ", available "
                            + s.available().value().toPlainString())
                    .collect(Collectors.joining("; "));
            var reply = new Replies.ReservationRejected(rejected.reason(), shortages);
            return coordinator.onReply(rejected.orderId(), SOURCE, context,
                    (state, order, now) -> saga.onReservationRejected(state, order, reply, now));
        }
        if (event.is(InventoryEvents.RESERVATION_RELEASED)) {
            ReservationReleased released = event.dataAs(InventoryEvents.RESERVATION_RELEASED);
            var reply = new Replies.ReservationLost(released.reservationId(), "released by inventory-service ("
                    + released.reason() + ")");
            return coordinator.onReply(released.orderId(), SOURCE, context,
                    (state, order, now) -> saga.onReservationLost(state, order, reply, now));
        }
        if (event.is(InventoryEvents.RESERVATION_CONFIRMATION_REFUSED)) {
            ReservationConfirmationRefused refused = event.dataAs(InventoryEvents.RESERVATION_CONFIRMATION_REFUSED);
            var reply = new Replies.ReservationLost(refused.reservationId(), "inventory-service could not confirm it for "
                    + "shipment " + refused.shipmentId() + " (reservation " + refused.reason() + ")");
            return coordinator.onReply(refused.orderId(), SOURCE, context,
                    (state, order, now) -> saga.onReservationLost(state, order, reply, now));
        }
        PickShortageReported shortage = event.dataAs(InventoryEvents.PICK_SHORTAGE_REPORTED);
        var reply = new Replies.PickShortage(shortage.warehouseId(), shortage.sku(),
                shortage.shortQuantity().value().toPlainString(), shortage.partnerId() + " via inventory-service");
        return coordinator.onReply(shortage.orderId(), SOURCE, context,
                (state, order, now) -> saga.onPickShortage(state, order, reply, now));
    }

    /**
     * The allocations grouped by warehouse, in allocation order: per warehouse, how much of each order line it
     * holds (all lots together) and the parcel that makes.
     */
    private Uni<List<Replies.ReservedPart>> reservedParts(List<Allocation> allocations) {
        Map<String, Map<String, OrderLine>> byWarehouse = new LinkedHashMap<>();
        for (Allocation allocation : allocations) {
            byWarehouse.computeIfAbsent(allocation.warehouseId(), w -> new LinkedHashMap<>())
                    .merge(allocation.lineId(), new OrderLine(allocation.lineId(), allocation.sku(), allocation.quantity()),
                            (a, b) -> new OrderLine(a.lineId(), a.sku(), a.quantity().plus(b.quantity())));
        }
        Set<String> skus = allocations.stream().map(Allocation::sku).collect(Collectors.toSet());
        return referenceData.products(skus).map(found -> {
            Map<String, Product> products = found.stream().collect(Collectors.toMap(p -> p.sku, p -> p));
            return byWarehouse.entrySet().stream().map(e -> {
                List<OrderLine> lines = List.copyOf(e.getValue().values());
                return new Replies.ReservedPart(e.getKey(), lines, ParcelEstimate.of(lines, products));
            }).toList();
        });
    }
}
