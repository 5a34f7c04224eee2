package io.waybill.inventory.adjustment;

import io.quarkus.security.identity.SecurityIdentity;
import io.waybill.foundation.security.RateLimited;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.problem.ProblemException;
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
import jakarta.ws.rs.core.Response;

/**
 * The warehouse partners' stock webhook: {@code POST /partners/{partnerId}/stock-events} with the partner's own
 * client-credentials token. The token's partner_id must be the partner in the path, and the event's warehouse
 * must be one it operates; otherwise the answer is 404, as if neither existed.
 */
@RateLimited
@Path("/partners/{partnerId}/stock-events")
@RolesAllowed(Scopes.INVENTORY_ADJUST)
public class PartnerStockEventsResource {

    /** Set on the answer to a partner event id seen before: nothing was changed this time. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final PartnerStockEvents partnerStockEvents;
    private final SecurityIdentity identity;

    public PartnerStockEventsResource(PartnerStockEvents partnerStockEvents, SecurityIdentity identity) {
        this.partnerStockEvents = partnerStockEvents;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> report(@PathParam("partnerId") String partnerId,
                                @HeaderParam("X-Correlation-Id") String correlationId,
                                @Valid @NotNull PartnerStockEvent event) {
        if (!Claims.requirePartnerId(identity).equals(partnerId)) {
            throw ProblemException.notFound("partner", "No partner " + partnerId + " is known to you");
        }
        return partnerStockEvents.accept(partnerId, event, EventContext.start(correlationId, null))
                .map(accepted -> Response.ok(accepted.outcome())
                        .header(REPLAYED_HEADER, accepted.replay())
                        .build());
    }
}
