package io.waybill.shipment.rest;

import io.waybill.model.Money;
import io.waybill.model.shipment.LabelFormat;
import io.waybill.model.shipment.Milestone;
import io.waybill.model.shipment.ReturnLine;
import io.waybill.shipment.persistence.ReturnAuthorizationEntity;
import io.waybill.shipment.persistence.ShipmentEntity;
import io.waybill.shipment.persistence.ShipmentKind;
import io.waybill.shipment.persistence.TrackingEventEntity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the API shows of shipments, their tracking history and returns. */
public final class ShipmentViews {

    private ShipmentViews() {
    }

    public record ShipmentView(String shipmentId, ShipmentKind kind, String orderId, String customerId,
                               String carrierId, String serviceCode, String serviceLevel, String trackingNumber,
                               Money quotedCost, LocalDate promisedDeliveryDate, LabelFormat labelFormat,
                               Milestone status, Instant statusOccurredAt, Instant lastEventAt,
                               ProofOfDeliveryView proofOfDelivery, boolean cancellationRequested, String attention,
                               String returnId, Instant bookedAt) {

        static ShipmentView of(ShipmentEntity s) {
            return new ShipmentView(s.id, s.kind, s.orderId, s.customerId, s.carrierId, s.serviceCode, s.serviceLevel,
                    s.trackingNumber, s.quotedCost(), s.promisedDeliveryDate, s.labelFormat, s.status,
                    s.statusOccurredAt, s.lastEventAt,
                    s.deliveredAt == null ? null : new ProofOfDeliveryView(s.deliveredAt, s.signer, s.photoRef, s.signatureRef),
                    s.cancelRequestedAt != null, s.attention, s.returnId, s.bookedAt);
        }
    }

    public record ProofOfDeliveryView(Instant deliveredAt, String signer, String photoRef, String signatureRef) {
    }

    /**
     * One event of the history: the carrier's words, the canonical milestone (null if unmapped), both times, and for
     * a delivery scan its proof (signer, photo and signature references).
     */
    public record TrackingEventView(Milestone milestone, String carrierStatus, boolean unmapped, Instant occurredAt,
                                    Instant receivedAt, String location, String description, String signer,
                                    String photoRef, String signatureRef) {

        static TrackingEventView of(TrackingEventEntity e) {
            return new TrackingEventView(e.milestone, e.carrierStatus, e.unmapped, e.occurredAt, e.receivedAt,
                    e.location, e.description, e.signer, e.photoRef, e.signatureRef);
        }
    }

    public record ReturnView(String returnId, String shipmentId, String orderId, String status,
                             String returnShipmentId, String reason, String failureReason, Instant requestedAt,
                             Instant authorizedAt, Instant receivedAt) {

        static ReturnView of(ReturnAuthorizationEntity r) {
            return new ReturnView(r.id, r.shipmentId, r.orderId, r.status.name(), r.returnShipmentId, r.reason,
                    r.failureReason, r.requestedAt, r.authorizedAt, r.receivedAt);
        }
    }

    public record ReturnRequest(@jakarta.validation.constraints.NotEmpty List<@jakarta.validation.Valid ReturnLine> lines,
                                String reason, String reference) {
    }

    public record CancellationRequest(@jakarta.validation.constraints.NotBlank String reason) {
    }
}
