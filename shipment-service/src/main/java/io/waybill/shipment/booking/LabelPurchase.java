package io.waybill.shipment.booking;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.waybill.shipment.carrier.CarrierAdapter;
import io.waybill.shipment.carrier.CarrierException;
import io.waybill.shipment.carrier.CarrierGuards;
import io.waybill.shipment.carrier.CarrierRegistry;
import io.waybill.shipment.carrier.CarrierRejectedException;
import io.waybill.shipment.carrier.CarrierUnavailableException;
import io.waybill.shipment.carrier.PurchasedLabel;
import io.waybill.shipment.carrier.RateQuote;
import io.waybill.shipment.carrier.ShipmentSpec;
import io.waybill.shipment.persistence.LabelPurchaseEntity;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Buys a label without ever buying two for one booking or return, and without losing one the carrier issued while
 * nobody was listening. Bookings and returns both buy through here.
 * <ol>
 *   <li>The purchase is noted in the {@link LabelLedger} before the carrier is asked.</li>
 *   <li>Every attempt, first or retried, sends the same idempotency key and first asks whether this quote was already
 *       bought: carriers with idempotency keys answer a retry with the first label, the others are caught by the
 *       lookup.</li>
 *   <li>When the purchase fails, the label is looked up once more (past the breaker) before anyone goes on: a label
 *       the carrier issued after we gave up is adopted. If none is found the purchase stays noted, the caller may go
 *       on to another carrier, and the label is voided if it turns up later ({@link PurchaseSettlement}).</li>
 * </ol>
 * Carrier calls run outside any transaction; each ledger step is its own short one.
 */
@ApplicationScoped
public class LabelPurchase {

    private static final Logger LOG = Logger.getLogger(LabelPurchase.class);

    private final CarrierGuards guards;
    private final CarrierRegistry carriers;
    private final LabelLedger ledger;

    public LabelPurchase(CarrierGuards guards, CarrierRegistry carriers, LabelLedger ledger) {
        this.guards = guards;
        this.carriers = carriers;
        this.ledger = ledger;
    }

    /** A label bought (or adopted) for its quote, under its idempotency key. */
    public record Bought(RateQuote quote, PurchasedLabel label, String idempotencyKey) {
    }

    /** What taking up an owner's earlier purchases gave: a label, and whether any purchase is still unresolved. */
    public record Resumed(Optional<Bought> bought, boolean unresolved) {
    }

    /**
     * The purchase ended without an answer and its label was not found: it may still exist. The owner can go on with
     * another carrier (the ledger keeps it), but must not buy from this carrier with a fresh quote.
     */
    public static class UnresolvedPurchaseException extends CarrierUnavailableException {
        public UnresolvedPurchaseException(String carrierId, String message, Throwable cause) {
            super(carrierId, message, cause);
        }
    }

    /**
     * Buys {@code quote} for {@code ownerId} (a booking request or a return).
     *
     * @throws UnresolvedPurchaseException if it is unknown whether a label was issued
     * @throws CarrierException            if the carrier refused, or could not be asked at all
     */
    public Bought buy(String ownerId, CarrierAdapter carrier, RateQuote quote, ShipmentSpec spec) throws Throwable {
        String key = idempotencyKey(ownerId, carrier.carrierId());
        RateQuote toBuy = await(() -> ledger.note(ownerId, key, quote));
        return attempt(carrier, toBuy, spec, key);
    }

    /**
     * Takes up purchases of the owner left unresolved (by a worker that died, or a carrier that did not answer): each
     * is bought again with its recorded quote and key, which returns the label if it exists. Never shops afresh.
     */
    public Resumed resume(String ownerId, Function<String, ShipmentSpec> specFor) throws Throwable {
        boolean unresolved = false;
        for (LabelPurchaseEntity row : await(() -> ledger.unresolved(ownerId))) {
            Optional<CarrierAdapter> carrier = carriers.find(row.carrierId);
            if (carrier.isEmpty()) {
                unresolved = true;
                continue;
            }
            try {
                return new Resumed(Optional.of(attempt(carrier.get(), LabelLedger.quoteOf(row),
                        specFor.apply(row.carrierId), row.idempotencyKey)), false);
            } catch (UnresolvedPurchaseException e) {
                unresolved = true;
            } catch (CarrierException refused) {
                LOG.infof("Earlier purchase %s of %s with %s was refused: %s", row.idempotencyKey, ownerId,
                        row.carrierId, refused.getMessage());
            }
        }
        return new Resumed(Optional.empty(), unresolved);
    }

    private Bought attempt(CarrierAdapter carrier, RateQuote quote, ShipmentSpec spec, String key) throws Throwable {
        String carrierId = carrier.carrierId();
        try {
            return new Bought(quote, guards.call(carrierId,
                    () -> carrier.findPurchased(quote, key).orElseGet(() -> carrier.buy(quote, spec, key)),
                    PurchasedLabel.class), key);
        } catch (CarrierException failed) {
            // Even a refusal may follow an attempt that timed out after the carrier had issued the label.
            Optional<PurchasedLabel> issued = lookUp(carrier, quote, key);
            if (issued.isPresent()) {
                LOG.warnf("Purchase %s with %s failed (%s) but the carrier had issued label %s: adopting it", key,
                        carrierId, failed.getMessage(), issued.get().trackingNumber());
                return new Bought(quote, issued.get(), key);
            }
            if (failed instanceof CarrierRejectedException) {
                await(() -> ledger.refused(key, failed.getMessage()));
                throw failed;
            }
            await(() -> ledger.unanswered(key, failed.getMessage()));
            throw new UnresolvedPurchaseException(carrierId, failed.getMessage()
                    + "; no label found for it (yet), it stays on record and is voided if one turns up", failed);
        }
    }

    private Optional<PurchasedLabel> lookUp(CarrierAdapter carrier, RateQuote quote, String key) {
        try {
            return Optional.ofNullable(guards.probe(carrier.carrierId(),
                    () -> carrier.lookUpPurchase(quote, key).orElse(null), PurchasedLabel.class));
        } catch (CarrierException e) {
            LOG.warnf("Could not look up purchase %s with %s: %s", key, carrier.carrierId(), e.getMessage());
            return Optional.empty();
        }
    }

    public static String idempotencyKey(String ownerId, String carrierId) {
        return "waybill-" + ownerId + "-" + carrierId;
    }

    private static <T> T await(Supplier<Uni<T>> step) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(step);
    }
}
