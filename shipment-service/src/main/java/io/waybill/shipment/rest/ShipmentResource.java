package io.waybill.shipment.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.foundation.security.Scopes;
import io.waybill.model.shipment.Milestone;
import io.waybill.shipment.persistence.ShipmentEntity;
import io.waybill.shipment.persistence.ShipmentLabelEntity;
import io.waybill.shipment.persistence.TrackingEventEntity;
import io.waybill.shipment.returns.ReturnRequests;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Clock;
import java.util.List;

/** Shipments: their state, label, tracking history; operator cancellation and return authorization. */
@Path("/shipments")
@Produces(MediaType.APPLICATION_JSON)
public class ShipmentResource {

    private final ReturnRequests returns;
    private final Clock clock;

    public ShipmentResource(ReturnRequests returns, Clock clock) {
        this.returns = returns;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Scopes.SHIPMENTS_READ, Scopes.SHIPMENTS_OPERATE})
    @WithSession
    public Uni<List<ShipmentViews.ShipmentView>> byOrder(@QueryParam("orderId") @NotBlank String orderId) {
        return ShipmentEntity.<ShipmentEntity>list("orderId = ?1 order by bookedAt", orderId)
                .map(list -> list.stream().map(ShipmentViews.ShipmentView::of).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Scopes.SHIPMENTS_READ, Scopes.SHIPMENTS_OPERATE})
    @WithSession
    public Uni<ShipmentViews.ShipmentView> get(@PathParam("id") String id) {
        return shipment(id).map(ShipmentViews.ShipmentView::of);
    }

    /** The label exactly as the carrier issued it: PDF, ZPL or PNG. */
    @GET
    @Path("/{id}/label")
    @Produces({"application/pdf", "application/x-zpl", "image/png", MediaType.APPLICATION_JSON})
    @RolesAllowed({Scopes.SHIPMENTS_READ, Scopes.SHIPMENTS_OPERATE})
    @WithSession
    public Uni<Response> label(@PathParam("id") String id) {
        return ShipmentLabelEntity.<ShipmentLabelEntity>findById(id).map(label -> {
            if (label == null) {
                throw ProblemException.notFound("label", "No label for shipment " + id);
            }
            return Response.ok(label.content, label.format.mediaType())
                    .header("Content-Disposition", "inline; filename=\"" + id + "." + label.format.name().toLowerCase() + "\"")
                    .build();
        });
    }

    @GET
    @Path("/{id}/tracking")
    @RolesAllowed({Scopes.SHIPMENTS_READ, Scopes.SHIPMENTS_OPERATE})
    @WithSession
    public Uni<List<ShipmentViews.TrackingEventView>> tracking(@PathParam("id") String id) {
        return shipment(id).chain(s -> TrackingEventEntity.history(s.id))
                .map(list -> list.stream().map(ShipmentViews.TrackingEventView::of).toList());
    }

    /** Asks the carrier to void the label; the shipment is cancelled once the carrier agreed. */
    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Scopes.SHIPMENTS_OPERATE)
    @WithTransaction
    public Uni<Response> cancel(@PathParam("id") String id, @Valid ShipmentViews.CancellationRequest request) {
        return shipment(id).map(s -> {
            if (s.status != Milestone.PRE_TRANSIT && s.status != Milestone.CANCELLED) {
                throw ProblemException.conflict("shipment-under-way",
                        "Shipment " + id + " is " + s.status + "; only a label not yet collected can be voided");
            }
            if (s.cancelRequestedAt == null && s.status != Milestone.CANCELLED) {
                s.cancelRequestedAt = clock.instant();
                s.cancelReason = request.reason();
            }
            return Response.accepted(ShipmentViews.ShipmentView.of(s)).build();
        });
    }

    /** Authorizes a return; the return label follows asynchronously (see the return's status). */
    @POST
    @Path("/{id}/returns")
    @RolesAllowed(Scopes.SHIPMENTS_OPERATE)
    @WithTransaction
    public Uni<Response> requestReturn(@PathParam("id") String id, @Valid ShipmentViews.ReturnRequest request,
                                       @HeaderParam("X-Correlation-Id") String correlationId) {
        return returns.request(id, request.lines(), request.reason(),
                        request.reference() == null ? null : "operator:" + request.reference(), correlationId)
                .map(ret -> Response.accepted(ShipmentViews.ReturnView.of(ret))
                        .location(URI.create("/returns/" + ret.id)).build());
    }

    private static Uni<ShipmentEntity> shipment(String id) {
        return ShipmentEntity.<ShipmentEntity>findById(id).map(s -> {
            if (s == null) {
                throw ProblemException.notFound("shipment", "No shipment " + id);
            }
            return s;
        });
    }
}
