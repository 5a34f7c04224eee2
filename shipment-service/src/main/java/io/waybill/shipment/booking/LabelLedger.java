package io.waybill.shipment.booking;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventJson;
import io.waybill.shipment.carrier.PurchasedLabel;
import io.waybill.shipment.carrier.RateQuote;
import io.waybill.shipment.persistence.LabelPurchaseEntity;
import io.waybill.shipment.persistence.LabelPurchaseEntity.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The database side of {@link LabelPurchase}: every purchase is noted before the carrier is asked, and stays noted
 * until it is known what became of it. Bookings and returns both record here.
 */
@ApplicationScoped
public class LabelLedger {

    private final Clock clock;
    private final Duration settleWindow;

    public LabelLedger(Clock clock,
                       @ConfigProperty(name = "waybill.booking.purchase-settle-window") Duration settleWindow) {
        this.clock = clock;
        this.settleWindow = settleWindow;
    }

    /**
     * Notes a purchase about to be made, in its own transaction, and answers the quote to buy: the one given, unless
     * an earlier purchase under the same key is still unresolved; then that one, because its label may exist (an
     * EasyPost label belongs to the shipment of its quote, and a fresh quote would be a fresh shipment).
     */
    public Uni<RateQuote> note(String ownerId, String idempotencyKey, RateQuote quote) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> LabelPurchaseEntity.<LabelPurchaseEntity>find("idempotencyKey", idempotencyKey)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult().chain(known -> {
                    if (known != null && known.status != Status.NONE) {
                        return Uni.createFrom().item(quoteOf(known));
                    }
                    LabelPurchaseEntity row = known != null ? known : new LabelPurchaseEntity();
                    if (known == null) {
                        row.id = UUID.randomUUID();
                        row.ownerId = ownerId;
                        row.carrierId = quote.carrierId();
                        row.idempotencyKey = idempotencyKey;
                    }
                    row.quote = EventJson.write(quote);
                    row.status = Status.PENDING;
                    row.notedAt = now;
                    row.settleUntil = now.plus(settleWindow);
                    row.resolvedAt = null;
                    row.note = null;
                    return (known == null ? row.persist() : Uni.createFrom().item(row)).replaceWith(quote);
                }));
    }

    /** The carrier said no: no label exists under this key. */
    public Uni<Void> refused(String idempotencyKey, String why) {
        return update(idempotencyKey, row -> {
            row.status = Status.NONE;
            row.resolvedAt = clock.instant();
            row.note = why;
        });
    }

    /** The carrier did not answer and nothing was found: the purchase stays pending, with the reason. */
    public Uni<Void> unanswered(String idempotencyKey, String why) {
        return update(idempotencyKey, row -> row.note = "unanswered: " + why);
    }

    /** Purchases of an owner whose outcome is not known, oldest first. */
    public Uni<List<LabelPurchaseEntity>> unresolved(String ownerId) {
        return Panache.withSession(() -> LabelPurchaseEntity.<LabelPurchaseEntity>list(
                "ownerId = ?1 and status = ?2 order by notedAt", ownerId, Status.PENDING));
    }

    /**
     * Runs in the owner's recording transaction: this purchase is the owner's label, and every other purchase of the
     * owner still unresolved is abandoned, to be voided if its label turns up ({@link PurchaseSettlement}).
     */
    public Uni<Void> bought(String ownerId, String idempotencyKey, PurchasedLabel label) {
        return LabelPurchaseEntity.<LabelPurchaseEntity>find("idempotencyKey", idempotencyKey).firstResult()
                .invoke(row -> {
                    row.status = Status.BOUGHT;
                    row.trackingNumber = label.trackingNumber();
                    row.carrierShipmentRef = label.carrierShipmentRef();
                    row.resolvedAt = clock.instant();
                })
                .chain(() -> abandonUnresolved(ownerId));
    }

    /** Runs in the owner's recording transaction when it ends without a label (booking or return failed). */
    public Uni<Void> abandonUnresolved(String ownerId) {
        return LabelPurchaseEntity.update("status = ?1 where ownerId = ?2 and status = ?3", Status.ABANDONED, ownerId,
                Status.PENDING).replaceWithVoid();
    }

    public static RateQuote quoteOf(LabelPurchaseEntity row) {
        try {
            return EventJson.mapper().readValue(row.quote, RateQuote.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Uni<Void> update(String idempotencyKey, java.util.function.Consumer<LabelPurchaseEntity> change) {
        return Panache.withTransaction(() -> LabelPurchaseEntity.<LabelPurchaseEntity>find("idempotencyKey", idempotencyKey)
                .firstResult().invoke(change).replaceWithVoid());
    }
}
