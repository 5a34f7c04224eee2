package io.waybill.inventory.adjustment;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventJson;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.inventory.PickShortageReported;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.inventory.reservation.Reservations;
import io.waybill.inventory.stock.Quantities;
import io.waybill.inventory.stock.StockItemEntity;
import io.waybill.inventory.stock.StockLedger;
import io.waybill.inventory.stock.StockPositionEntity;
import io.waybill.inventory.warehouse.Warehouses;
import io.waybill.model.Quantity;
import io.waybill.model.inventory.MovementType;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Applies warehouse partners' stock events exactly once per partner event id.
 * <p>
 * The event id is claimed first ({@code INSERT ... ON CONFLICT DO NOTHING} on (partner, event id)) in the same
 * transaction as the effect and the stored answer. A concurrent duplicate waits on that row, then finds it
 * claimed and returns the stored answer; a failed event rolls its claim back with everything else, so a corrected
 * retry under the same id is applied. The same id with a different body is refused (409): the partner reused an id.
 */
@ApplicationScoped
public class PartnerStockEvents {

    private final Warehouses warehouses;
    private final StockLedger ledger;
    private final StockAdjustments adjustments;
    private final Reservations reservations;
    private final Outbox outbox;

    public PartnerStockEvents(Warehouses warehouses, StockLedger ledger, StockAdjustments adjustments,
                              Reservations reservations, Outbox outbox) {
        this.warehouses = warehouses;
        this.ledger = ledger;
        this.adjustments = adjustments;
        this.reservations = reservations;
        this.outbox = outbox;
    }

    /** The outcome, and whether it is a replay of an event applied before. */
    public record Accepted(StockEventOutcome outcome, boolean replay) {
    }

    @WithTransaction
    public Uni<Accepted> accept(String partnerId, PartnerStockEvent event, EventContext context) {
        String fingerprint = fingerprint(event);
        return claim(partnerId, event.eventId(), fingerprint).chain(claimed -> claimed
                ? apply(partnerId, event, context).chain(outcome -> storeAnswer(partnerId, event.eventId(), outcome))
                        .map(outcome -> new Accepted(outcome, false))
                : previousAnswer(partnerId, event.eventId(), fingerprint).map(outcome -> new Accepted(outcome, true)));
    }

    private Uni<StockEventOutcome> apply(String partnerId, PartnerStockEvent event, EventContext context) {
        return warehouses.requireAccessibleTo(event.warehouseId(), Optional.of(partnerId))
                .chain(() -> ledger.requireItem(event.sku(), "sku"))
                .chain(item -> switch (event.type()) {
                    case RECEIPT -> adjustments.adjust(event.warehouseId(), event.sku(), event.lot(),
                                    positive(event.quantity()), MovementType.RECEIPT, source("RECEIPT", partnerId, event),
                                    context)
                            .map(position -> outcome(partnerId, event, event.quantity(), position, null));
                    case DAMAGE -> requirePosition(event).chain(position -> {
                        BigDecimal damaged = positive(event.quantity());
                        if (damaged.compareTo(position.onHand) > 0) {
                            throw ProblemException.invalidField("damage-exceeds-on-hand", "quantity",
                                    "Only " + Quantities.normalized(position.onHand) + " of " + event.sku()
                                            + " are on hand in " + event.warehouseId());
                        }
                        return adjustments.apply(position, damaged.negate(), MovementType.ADJUSTMENT,
                                        source("DAMAGE", partnerId, event), context)
                                .map(p -> outcome(partnerId, event, damaged.negate(), p, null));
                    });
                    case CYCLE_COUNT -> ledger.lockOrCreate(event.warehouseId(), event.sku(), event.lot())
                            .chain(position -> {
                                BigDecimal delta = event.quantity().subtract(position.onHand);
                                return adjustments.apply(position, delta, MovementType.ADJUSTMENT,
                                                source("CYCLE_COUNT", partnerId, event), context)
                                        .map(p -> outcome(partnerId, event, delta, p, null));
                            });
                    case PICK_SHORTAGE -> pickShortage(partnerId, event, item, context);
                });
    }

    private Uni<StockEventOutcome> pickShortage(String partnerId, PartnerStockEvent event, StockItemEntity item,
                                                EventContext context) {
        if (event.orderId() == null || event.orderId().isBlank()) {
            throw ProblemException.invalidField("order-required", "orderId",
                    "A pick shortage names the order that could not be picked");
        }
        BigDecimal shortQuantity = positive(event.quantity());
        return reservations.absorbPickShortage(event.orderId(), event.warehouseId(), event.sku(), event.lot(),
                        shortQuantity, event.eventId(), partnerId)
                .chain(result -> outbox.append(InventoryEvents.PICK_SHORTAGE_REPORTED, event.orderId(),
                                new PickShortageReported(event.orderId(), event.warehouseId(), event.sku(), event.lot(),
                                        new Quantity(Quantities.normalized(shortQuantity), item.unit), partnerId,
                                        event.eventId(), result.reservationId()),
                                context)
                        .chain(() -> ledger.lock(event.warehouseId(), event.sku(), event.lot()))
                        .map(position -> outcome(partnerId, event, shortQuantity.negate(), position,
                                result.reservationId())));
    }

    private Uni<StockPositionEntity> requirePosition(PartnerStockEvent event) {
        return ledger.lock(event.warehouseId(), event.sku(), event.lot())
                .onItem().ifNull().failWith(() -> ProblemException.invalidField("no-stock-position", "sku",
                        "No stock of " + event.sku() + (event.lot() == null ? "" : " lot " + event.lot())
                                + " is recorded in " + event.warehouseId()));
    }

    private Uni<Boolean> claim(String partnerId, String eventId, String fingerprint) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                INSERT INTO partner_stock_event (partner_id, event_id, fingerprint, received_at)
                                VALUES (:partner, :event, :fingerprint, now()) ON CONFLICT DO NOTHING""")
                        .setParameter("partner", partnerId)
                        .setParameter("event", eventId)
                        .setParameter("fingerprint", fingerprint)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    private Uni<StockEventOutcome> storeAnswer(String partnerId, String eventId, StockEventOutcome outcome) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                UPDATE partner_stock_event SET response = :response
                                WHERE partner_id = :partner AND event_id = :event""")
                        .setParameter("response", EventJson.write(outcome))
                        .setParameter("partner", partnerId)
                        .setParameter("event", eventId)
                        .executeUpdate())
                .replaceWith(outcome);
    }

    private Uni<StockEventOutcome> previousAnswer(String partnerId, String eventId, String fingerprint) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                SELECT fingerprint, response FROM partner_stock_event
                                WHERE partner_id = :partner AND event_id = :event""", Object[].class)
                        .setParameter("partner", partnerId)
                        .setParameter("event", eventId)
                        .getSingleResult())
                .map(row -> {
                    if (!fingerprint.equals(row[0])) {
                        throw ProblemException.conflict("partner-event-id-reused", "Event " + eventId
                                + " was already received with different content; send a new event id");
                    }
                    try {
                        return EventJson.mapper().readValue((String) row[1], StockEventOutcome.class);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("Stored answer of " + eventId + " is unreadable", e);
                    }
                });
    }

    private static StockEventOutcome outcome(String partnerId, PartnerStockEvent event, BigDecimal delta,
                                             StockPositionEntity position, String reservationId) {
        BigDecimal onHand = position == null ? BigDecimal.ZERO : position.onHand;
        BigDecimal reserved = position == null ? BigDecimal.ZERO : position.reserved;
        return new StockEventOutcome(partnerId, event.eventId(), event.type(), event.warehouseId(), event.sku(),
                event.lot(), Quantities.normalized(delta), Quantities.normalized(onHand),
                Quantities.normalized(reserved), Quantities.normalized(onHand.subtract(reserved).max(BigDecimal.ZERO)),
                event.orderId(), reservationId);
    }

    private static StockAdjustments.Source source(String reason, String partnerId, PartnerStockEvent event) {
        return new StockAdjustments.Source(reason, partnerId, event.eventId(), event.occurredAt(), event.note());
    }

    private static BigDecimal positive(BigDecimal quantity) {
        if (quantity.signum() <= 0) {
            throw ProblemException.invalidField("quantity-not-positive", "quantity",
                    "quantity must be greater than 0 for this event type");
        }
        return quantity;
    }

    private static String fingerprint(PartnerStockEvent event) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(EventJson.write(event).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
