package io.waybill.shipment.returns;

import io.smallrye.mutiny.Uni;
import io.waybill.events.EventJson;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.model.shipment.Milestone;
import io.waybill.model.shipment.ReturnLine;
import io.waybill.shipment.persistence.ReturnAuthorizationEntity;
import io.waybill.shipment.persistence.ShipmentEntity;
import io.waybill.shipment.persistence.ShipmentKind;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Records a return request against a shipment, from an operator or from the customer portal. The return label is
 * bought afterwards by the {@link ReturnWorker}, outside the transaction; only then is the return authorized and
 * {@code return-authorized} published. A request repeated with the same source reference is the same return.
 */
@ApplicationScoped
public class ReturnRequests {

    private final Clock clock;

    public ReturnRequests(Clock clock) {
        this.clock = clock;
    }

    /** Must run inside a transaction. */
    public Uni<ReturnAuthorizationEntity> request(String shipmentId, List<ReturnLine> lines, String reason,
                                                  String sourceReference, String correlationId) {
        if (lines == null || lines.isEmpty()) {
            throw ProblemException.invalidField("return-lines-missing", "lines", "A return needs at least one line");
        }
        Uni<ReturnAuthorizationEntity> existing = sourceReference == null ? Uni.createFrom().nullItem()
                : ReturnAuthorizationEntity.find("sourceReference", sourceReference).firstResult();
        return existing.chain(known -> known != null ? Uni.createFrom().item(known)
                : ShipmentEntity.<ShipmentEntity>findById(shipmentId).chain(shipment -> {
                    if (shipment == null) {
                        return Uni.createFrom().failure(ProblemException.notFound("shipment", "No shipment " + shipmentId));
                    }
                    if (shipment.kind != ShipmentKind.OUTBOUND || shipment.status == Milestone.CANCELLED) {
                        return Uni.createFrom().failure(ProblemException.conflict("shipment-not-returnable",
                                "Shipment " + shipmentId + " is " + shipment.kind + " / " + shipment.status
                                        + "; only outbound shipments that were not cancelled can be returned"));
                    }
                    ReturnAuthorizationEntity ret = new ReturnAuthorizationEntity();
                    ret.id = "ret-" + UUID.randomUUID();
                    ret.shipmentId = shipment.id;
                    ret.sourceReference = sourceReference;
                    ret.orderId = shipment.orderId;
                    ret.customerId = shipment.customerId;
                    ret.lines = EventJson.write(lines);
                    ret.reason = reason;
                    ret.status = ReturnAuthorizationEntity.Status.REQUESTED;
                    ret.correlationId = correlationId != null ? correlationId : shipment.correlationId;
                    ret.requestedAt = clock.instant();
                    return ret.persist().replaceWith(ret);
                }));
    }
}
