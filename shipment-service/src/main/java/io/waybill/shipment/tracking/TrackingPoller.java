package io.waybill.shipment.tracking;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.waybill.model.shipment.Milestone;
import io.waybill.shipment.carrier.CarrierAdapter;
import io.waybill.shipment.carrier.CarrierException;
import io.waybill.shipment.carrier.CarrierGuards;
import io.waybill.shipment.carrier.CarrierRegistry;
import io.waybill.shipment.carrier.CarrierTrackingUpdate;
import io.waybill.shipment.carrier.CarriersConfig;
import io.waybill.shipment.persistence.ShipmentEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;

/**
 * Asks carriers that do not push webhooks ({@code tracking=polling}) for the history of every shipment still under
 * way, and records it exactly like a webhook would (duplicates collapse in the history).
 */
@ApplicationScoped
public class TrackingPoller {

    private static final Logger LOG = Logger.getLogger(TrackingPoller.class);
    private static final TypeLiteral<List<CarrierTrackingUpdate>> UPDATES = new TypeLiteral<>() {
    };

    private final CarrierRegistry carriers;
    private final CarrierGuards guards;
    private final TrackingHistory history;
    private final Clock clock;

    public TrackingPoller(CarrierRegistry carriers, CarrierGuards guards, TrackingHistory history, Clock clock) {
        this.carriers = carriers;
        this.guards = guards;
        this.history = history;
        this.clock = clock;
    }

    @Scheduled(every = "${waybill.tracking.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "10s")
    void pollAll() {
        for (String carrierId : carriers.carrierIds()) {
            if (carriers.config(carrierId).tracking() == CarriersConfig.TrackingMode.POLLING) {
                poll(carrierId);
            }
        }
    }

    /** Polls one carrier for all its shipments under way; returns how many shipments were polled. */
    public int poll(String carrierId) {
        CarrierAdapter carrier = carriers.find(carrierId).orElseThrow();
        List<ShipmentEntity> underWay;
        try {
            underWay = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                    ShipmentEntity.<ShipmentEntity>list("carrierId = ?1 and trackingNumber is not null and status not in ?2",
                            carrierId, List.of(Milestone.DELIVERED, Milestone.RETURNED_TO_SENDER, Milestone.CANCELLED))));
        } catch (Throwable e) {
            LOG.errorf(e, "Could not list shipments of %s to poll", carrierId);
            return 0;
        }
        for (ShipmentEntity shipment : underWay) {
            try {
                List<CarrierTrackingUpdate> updates = guards.call(carrierId,
                        () -> carrier.track(shipment.trackingNumber, shipment.carrierShipmentRef), UPDATES);
                VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                        history.record(carrierId, updates, null, clock.instant())));
            } catch (CarrierException e) {
                LOG.warnf("Polling %s for %s failed: %s", carrierId, shipment.trackingNumber, e.getMessage());
            } catch (Throwable e) {
                LOG.errorf(e, "Recording polled tracking of %s failed", shipment.id);
            }
        }
        return underWay.size();
    }
}
