package io.waybill.billing.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.waybill.billing.carrierbill.AuditStatus;
import io.waybill.foundation.events.EventContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Ends the wait of carrier bill lines whose tracking number billing still does not know once
 * {@code waybill.billing.audit.unknown-shipment-grace} has passed since their bill arrived: they are disputed as
 * {@code UNKNOWN_SHIPMENT} and go to the review queue. Every {@code waybill.billing.audit.unknown-shipment-sweep}, on
 * every replica; each (carrier, tracking number) in its own transaction under its {@link TrackingNumberLock}, so
 * replicas sweeping at once, or a booking arriving at that moment, never dispute a line twice or dispute a line that
 * was just matched.
 */
@ApplicationScoped
public class UnknownShipmentSweep {

    private static final Logger LOG = Logger.getLogger(UnknownShipmentSweep.class);
    private static final int BATCH = 500;

    private final Disputes disputes;
    private final Clock clock;

    public UnknownShipmentSweep(Disputes disputes, Clock clock) {
        this.disputes = disputes;
        this.clock = clock;
    }

    @Scheduled(every = "${waybill.billing.audit.unknown-shipment-sweep}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        Instant billedBefore = clock.instant().minus(disputes.unknownShipmentGrace());
        return Panache.withSession(() -> due(billedBefore)).chain(due -> {
            Uni<Integer> disputed = Uni.createFrom().item(0);
            for (Object[] row : due) {
                String carrierId = (String) row[0];
                String trackingNumber = (String) row[1];
                disputed = disputed.chain(sum -> Panache.withTransaction(() -> disputes.disputeStillUnknown(carrierId,
                                trackingNumber, billedBefore, EventContext.start(null, null)))
                        .onFailure().invoke(f -> LOG.warnf("Lines of %s for %s not disputed yet: %s", carrierId,
                                trackingNumber, f.getMessage()))
                        .onFailure().recoverWithItem(0)
                        .map(n -> sum + n));
            }
            return disputed;
        }).invoke(n -> {
            if (n > 0) {
                LOG.infof("Disputed %d carrier bill lines whose shipment is still unknown after %s", n,
                        disputes.unknownShipmentGrace());
            }
        }).onFailure().invoke(f -> LOG.warnf("Unknown-shipment sweep failed: %s", f.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** (carrier, tracking number) of lines still waiting for their shipment, of bills received before then. */
    private static Uni<List<Object[]>> due(Instant billedBefore) {
        return Panache.getSession().chain(session -> session.createQuery(
                        "select distinct b.carrierId, l.trackingNumber from CarrierBillLineRecord l, CarrierBillRecord b"
                                + " where b.id = l.billId and l.shipmentId is null and l.auditStatus = :waiting"
                                + " and b.receivedAt <= :before", Object[].class)
                .setParameter("waiting", AuditStatus.AWAITING_SHIPMENT)
                .setParameter("before", billedBefore)
                .setMaxResults(BATCH)
                .getResultList());
    }
}
