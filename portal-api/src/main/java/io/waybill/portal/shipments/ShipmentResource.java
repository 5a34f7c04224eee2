package io.waybill.portal.shipments;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.security.Scopes;
import io.waybill.portal.identity.CustomerIdentity;
import io.waybill.portal.live.ShipmentUpdate;
import io.waybill.portal.live.ShipmentUpdateBroadcaster;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/me/shipments")
@RolesAllowed(Scopes.PORTAL_CUSTOMER)
@Tag(name = "Shipments", description = "Where your parcels are, and the proof they were delivered")
@SecurityRequirement(name = "oidc", scopes = Scopes.PORTAL_CUSTOMER)
public class ShipmentResource {

    private final ShipmentQueries shipments;
    private final ShipmentUpdateBroadcaster live;
    private final CustomerIdentity customer;

    public ShipmentResource(ShipmentQueries shipments, ShipmentUpdateBroadcaster live, CustomerIdentity customer) {
        this.shipments = shipments;
        this.live = live;
        this.customer = customer;
    }

    @GET
    @Path("/updates")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamMyShipmentUpdates", summary = "Live updates of your parcels",
            description = "A server-sent events stream: one `shipment-update` event (a JSON ShipmentUpdate) each "
                    + "time one of your parcels moves, and a keep-alive comment when nothing happened for a while. "
                    + "Reconnect when the stream ends, then reload the parcels you show.")
    @APIResponse(responseCode = "200", description = "The stream of updates",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = ShipmentUpdate.class)))
    public Multi<OutboundSseEvent> updates(@Context Sse sse) {
        return live.updatesFor(customer.customerId(), sse);
    }

    @GET
    @Path("/{trackingNumber}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "trackMyShipment", summary = "Where your parcel is and where it has been")
    public Uni<TrackingTimeline> timeline(@Parameter(description = "The parcel's tracking number",
            example = "1Z999AA10123456784") @PathParam("trackingNumber") String trackingNumber) {
        return shipments.timeline(customer.customerId(), trackingNumber);
    }

    @GET
    @Path("/{trackingNumber}/proof-of-delivery")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getMyProofOfDelivery", summary = "The carrier's proof that your parcel was delivered",
            description = "404 until the parcel is delivered.")
    public Uni<ProofOfDelivery> proofOfDelivery(@Parameter(description = "The parcel's tracking number",
            example = "1Z999AA10123456784") @PathParam("trackingNumber") String trackingNumber) {
        return shipments.proofOfDelivery(customer.customerId(), trackingNumber);
    }
}
