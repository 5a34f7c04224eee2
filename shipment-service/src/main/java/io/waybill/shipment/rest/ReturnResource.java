package io.waybill.shipment.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.foundation.security.Scopes;
import io.waybill.shipment.persistence.ReturnAuthorizationEntity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Returns: requested, authorized (label bought), received, or failed. */
@Path("/returns")
@Produces(MediaType.APPLICATION_JSON)
public class ReturnResource {

    @GET
    @Path("/{id}")
    @RolesAllowed({Scopes.SHIPMENTS_READ, Scopes.SHIPMENTS_OPERATE})
    @WithSession
    public Uni<ShipmentViews.ReturnView> get(@PathParam("id") String id) {
        return ReturnAuthorizationEntity.<ReturnAuthorizationEntity>findById(id).map(r -> {
            if (r == null) {
                throw ProblemException.notFound("return", "No return " + id);
            }
            return ShipmentViews.ReturnView.of(r);
        });
    }
}
