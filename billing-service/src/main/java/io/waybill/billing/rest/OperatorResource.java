package io.waybill.billing.rest;

import io.smallrye.mutiny.Uni;
import io.waybill.billing.ops.OperatorViews;
import io.waybill.foundation.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Billing operators' views. Internal only (billing.audit): margins are never shown to customers. */
@Path("/ops")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.BILLING_AUDIT)
public class OperatorResource {

    private final OperatorViews views;

    public OperatorResource(OperatorViews views) {
        this.views = views;
    }

    @GET
    @Path("/unbilled-shipments")
    public Uni<List<OperatorViews.UnbilledShipment>> unbilled(
            @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(5000) int limit) {
        return views.unbilledShipments(limit);
    }

    @GET
    @Path("/open-disputes-by-carrier")
    public Uni<List<OperatorViews.OpenDisputesOfCarrier>> openDisputesByCarrier() {
        return views.openDisputesByCarrier();
    }

    @GET
    @Path("/margins")
    public Uni<List<OperatorViews.ShipmentMargin>> margins(
            @QueryParam("shipmentId") String shipmentId,
            @QueryParam("customerId") String customerId,
            @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(5000) int limit) {
        return views.margins(shipmentId, customerId, limit);
    }
}
