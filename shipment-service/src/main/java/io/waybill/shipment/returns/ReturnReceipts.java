package io.waybill.shipment.returns;

import io.smallrye.mutiny.Uni;
import io.waybill.events.shipment.ReturnReceived;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.shipment.persistence.ReturnAuthorizationEntity;
import io.waybill.shipment.persistence.ShipmentEntity;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** A return shipment delivered back to the warehouse closes its return and tells inventory and billing. */
@ApplicationScoped
public class ReturnReceipts {

    private final Outbox outbox;

    public ReturnReceipts(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Runs in the tracking transaction that saw the return shipment delivered. */
    public Uni<Void> received(ShipmentEntity returnShipment, Instant at, EventContext context) {
        return ReturnAuthorizationEntity.<ReturnAuthorizationEntity>findById(returnShipment.returnId).chain(ret -> {
            if (ret == null || ret.status == ReturnAuthorizationEntity.Status.RECEIVED) {
                return Uni.createFrom().voidItem();
            }
            ret.status = ReturnAuthorizationEntity.Status.RECEIVED;
            ret.receivedAt = at;
            return outbox.append(ShipmentEvents.RETURN_RECEIVED, ret.shipmentId, new ReturnReceived(ret.id,
                    ret.shipmentId, ret.orderId, ret.customerId, ReturnWorker.lines(ret), returnShipment.id,
                    returnShipment.warehouseId, at), context).replaceWithVoid();
        });
    }
}
