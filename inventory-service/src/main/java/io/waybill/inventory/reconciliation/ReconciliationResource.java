package io.waybill.inventory.reconciliation;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.security.Claims;
import io.waybill.foundation.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * On-demand reconciliation: {@code POST /reconciliation/{warehouseId}} with a partner's stock snapshot. A partner
 * client may reconcile only warehouses it operates (404 otherwise); an internal client any warehouse.
 */
@Path("/reconciliation/{warehouseId}")
@RolesAllowed(Scopes.INVENTORY_RECONCILE)
public class ReconciliationResource {

    private final Reconciliation reconciliation;
    private final SecurityIdentity identity;

    public ReconciliationResource(Reconciliation reconciliation, SecurityIdentity identity) {
        this.reconciliation = reconciliation;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ReconciliationReport> reconcile(@PathParam("warehouseId") String warehouseId,
                                               @HeaderParam("X-Correlation-Id") String correlationId,
                                               @Valid @NotNull PartnerStockSnapshot snapshot) {
        String source = "api:" + identity.getPrincipal().getName();
        return reconciliation.reconcile(warehouseId, snapshot, source, Claims.partnerId(identity),
                EventContext.start(correlationId, null));
    }
}
