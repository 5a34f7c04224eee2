package io.waybill.portal.readmodel;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Throws the read model away and builds it again from the event log, e.g. after a projection fix or a new
 * wording of data that is stored rather than mapped at read time.
 * <p>
 * One transaction: customers keep reading the old read model until the new one commits. TRUNCATE's exclusive lock
 * makes live events wait for the rebuild and then apply on top of it, so none is lost or applied twice.
 */
@ApplicationScoped
public class ReadModelRebuild {

    private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);
    private static final int BATCH = 500;

    private final EventLog log;
    private final ReadModelProjector projector;

    public ReadModelRebuild(EventLog log, ReadModelProjector projector) {
        this.log = log;
        this.projector = projector;
    }

    public record Result(long eventsReplayed, long orders, long shipments, long invoices, long millis) {
    }

    public Uni<Result> rebuild() {
        Instant started = Instant.now();
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                "TRUNCATE portal_shipment_milestone, portal_shipment, portal_order, portal_invoice")
                                .executeUpdate())
                        .chain(() -> replayFrom(0L, 0L))
                        .chain(replayed -> PortalOrder.count()
                                .chain(orders -> PortalShipment.count()
                                        .chain(shipments -> PortalInvoice.count()
                                                .map(invoices -> new Result(replayed, orders, shipments, invoices,
                                                        Duration.between(started, Instant.now()).toMillis()))))))
                .invoke(result -> LOG.infof("Read model rebuilt from %d events in %d ms", result.eventsReplayed(),
                        result.millis()));
    }

    private Uni<Long> replayFrom(long position, long replayed) {
        return log.after(position, BATCH).chain(batch -> {
            if (batch.isEmpty()) {
                return Uni.createFrom().item(replayed);
            }
            Uni<Void> applied = Uni.createFrom().voidItem();
            for (LoggedEvent logged : batch) {
                EventEnvelope event = EventJson.readEnvelope(logged.envelope);
                applied = applied.chain(() -> projector.apply(event)).replaceWithVoid();
            }
            long last = batch.get(batch.size() - 1).position;
            // Flush and clear per batch: the session would otherwise hold the whole read model in memory.
            return applied.chain(() -> Panache.getSession())
                    .chain(session -> session.flush().invoke(session::clear))
                    .chain(() -> replayFrom(last, replayed + batch.size()));
        });
    }
}
