package io.waybill.odoo.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventJson;
import io.waybill.odoo.binding.BindingKind;
import io.waybill.odoo.binding.Bindings;
import io.waybill.odoo.client.OdooClient;
import io.waybill.odoo.writequeue.OdooWriteOperation;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** Writes the tracking number on the delivery ({@code stock.picking.carrier_tracking_ref}). Repeating it is harmless. */
@ApplicationScoped
public class TrackingRefOperation implements OdooWriteOperation {

    private final OdooClient odoo;
    private final OdooLookups lookups;
    private final Bindings bindings;

    public TrackingRefOperation(OdooClient odoo, OdooLookups lookups, Bindings bindings) {
        this.odoo = odoo;
        this.lookups = lookups;
        this.bindings = bindings;
    }

    @Override
    public String name() {
        return WriteRequests.TrackingRef.OPERATION;
    }

    @Override
    public Uni<Void> apply(JsonNode payload) {
        WriteRequests.TrackingRef request = EventJson.convert(payload, WriteRequests.TrackingRef.class);
        return lookups.deliveryOf(request.shipmentId(), request.odooOrderId())
                .chain(pickingId -> odoo.write("stock.picking", List.of(pickingId),
                        Map.of("carrier_tracking_ref", request.trackingNumber()), Map.of()))
                // Remember what Odoo should show, for the reconciliation to compare.
                .chain(() -> Panache.withTransaction(() -> bindings.recordState(BindingKind.DELIVERY,
                        request.shipmentId(), request.trackingNumber())))
                .replaceWithVoid();
    }
}
