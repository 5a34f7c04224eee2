package io.waybill.order.fulfilment.acme;

import io.quarkus.security.identity.SecurityIdentity;
import io.waybill.foundation.security.RateLimited;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.foundation.security.Claims;
import io.waybill.foundation.security.Scopes;
import io.waybill.order.fulfilment.FulfilmentEvent;
import io.waybill.order.fulfilment.FulfilmentEvents;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * acme-3pl's inbound link: acknowledgements, pick/pack/ship confirmations and shortages. Only acme's own client
 * (partner_id acme-3pl, scope fulfilment.write) may post here, and only about orders released to acme.
 */
@RateLimited
@Path("/fulfilment/acme-3pl/events")
@RolesAllowed(Scopes.FULFILMENT_WRITE)
public class AcmeWebhookResource {

    static final String PARTNER = "acme-3pl";

    public record Receipt(String eventId, String result) {
    }

    private final FulfilmentEvents events;
    private final SecurityIdentity identity;

    public AcmeWebhookResource(FulfilmentEvents events, SecurityIdentity identity) {
        this.events = events;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Receipt>> receive(@NotNull @Valid AcmeFulfilmentEvent event) {
        if (!PARTNER.equals(Claims.requirePartnerId(identity))) {
            throw ProblemException.forbidden("Only " + PARTNER + " may post " + PARTNER + " events");
        }
        FulfilmentEvent canonical = event.toCanonical(PARTNER);
        return events.apply(canonical).map(result -> RestResponse.accepted(
                new Receipt(event.eventId(), result.name().toLowerCase())));
    }
}
