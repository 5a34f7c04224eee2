package io.waybill.inventory.reservation;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.foundation.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * {@code GET /reservations?orderId=..}: what an order holds or held, for operators and the saga's trail; each
 * allocation says which shipment took it once it has shipped.
 */
@Path("/reservations")
@RolesAllowed(Scopes.INVENTORY_READ)
@Produces(MediaType.APPLICATION_JSON)
public class ReservationsResource {

    private final Reservations reservations;

    public ReservationsResource(Reservations reservations) {
        this.reservations = reservations;
    }

    @GET
    @WithSession
    public Uni<List<ReservationView>> ofOrder(@QueryParam("orderId") String orderId) {
        if (orderId == null || orderId.isBlank()) {
            throw ProblemException.invalidField("order-required", "orderId", "Name the orderId");
        }
        return reservations.ofOrder(orderId);
    }
}
