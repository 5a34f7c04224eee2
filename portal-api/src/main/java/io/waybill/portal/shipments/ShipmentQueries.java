package io.waybill.portal.shipments;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.portal.readmodel.PortalOrder;
import io.waybill.portal.readmodel.PortalShipment;
import io.waybill.portal.readmodel.ShipmentMilestone;
import io.waybill.portal.wording.CustomerWording;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** A customer's shipments, read from the portal's own read model only. */
@ApplicationScoped
public class ShipmentQueries {

    private final CustomerWording wording;

    public ShipmentQueries(CustomerWording wording) {
        this.wording = wording;
    }

    @WithSession
    public Uni<TrackingTimeline> timeline(String customerId, String trackingNumber) {
        // One session runs one query at a time: the steps and the order are read one after the other.
        return shipmentOf(customerId, trackingNumber).chain(shipment -> ShipmentMilestone.<ShipmentMilestone>find(
                        "shipmentId = ?1 order by occurredAt, eventId", shipment.shipmentId).list()
                .chain(steps -> PortalOrder.<PortalOrder>findById(shipment.orderId).map(order -> new TrackingTimeline(
                        shipment.trackingNumber, order == null ? null : order.orderNumber,
                        wording.milestone(shipment.milestone), shipment.promisedDeliveryDate, shipment.deliveredAt,
                        steps.stream().map(step -> new TrackingEvent(wording.milestone(step.milestone),
                                step.occurredAt, step.location)).toList(),
                        shipment.asOf))));
    }

    @WithSession
    public Uni<ProofOfDelivery> proofOfDelivery(String customerId, String trackingNumber) {
        return shipmentOf(customerId, trackingNumber).chain(shipment -> {
            if (shipment.deliveredAt == null) {
                throw ProblemException.notFound("proof-of-delivery",
                        "Parcel " + trackingNumber + " has not been delivered yet");
            }
            return PortalOrder.<PortalOrder>findById(shipment.orderId).map(order -> new ProofOfDelivery(
                    shipment.trackingNumber, order == null ? null : order.orderNumber, shipment.deliveredAt,
                    shipment.signedBy, evidence(shipment), shipment.asOf));
        });
    }

    private static List<String> evidence(PortalShipment shipment) {
        List<String> evidence = new ArrayList<>();
        if (shipment.podPhotoRef != null) {
            evidence.add("PHOTO");
        }
        if (shipment.podSignatureRef != null || shipment.signedBy != null) {
            evidence.add("SIGNATURE");
        }
        return evidence;
    }

    /** The order's parcels that have a tracking number (booked); used inside a caller's session. */
    public Uni<List<ShipmentSummary>> ofOrder(String customerId, String orderId) {
        return PortalShipment.<PortalShipment>find(
                        "customerId = ?1 and orderId = ?2 and trackingNumber is not null order by milestoneAt",
                        customerId, orderId).list()
                .map(shipments -> shipments.stream().map(this::summary).toList());
    }

    public ShipmentSummary summary(PortalShipment shipment) {
        return new ShipmentSummary(shipment.trackingNumber, wording.milestone(shipment.milestone),
                shipment.milestoneAt, shipment.promisedDeliveryDate, shipment.deliveredAt, shipment.asOf);
    }

    /** Another customer's parcel answers exactly like a parcel that does not exist: its existence is not disclosed. */
    private Uni<PortalShipment> shipmentOf(String customerId, String trackingNumber) {
        return PortalShipment.<PortalShipment>find("customerId = ?1 and trackingNumber = ?2", customerId, trackingNumber)
                .firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("shipment",
                        "You have no parcel with tracking number " + trackingNumber));
    }
}
