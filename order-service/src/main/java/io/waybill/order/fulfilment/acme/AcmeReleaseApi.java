package io.waybill.order.fulfilment.acme;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * acme-3pl's release endpoints. The URL is configuration ({@code quarkus.rest-client.acme-3pl.url}); the
 * Idempotency-Key lets acme drop a request we send twice (a replica race or a retry after a lost answer).
 */
@RegisterRestClient(configKey = "acme-3pl")
@Path("/releases")
public interface AcmeReleaseApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Void> release(@HeaderParam("Idempotency-Key") String idempotencyKey, AcmeRelease release);

    /**
     * Asks acme to cancel a release before it ships. 2xx: cancelled. 404: acme never had it (nothing to cancel).
     * 409: too late, the goods left (acme's problem body says {@code already-shipped}). Anything else: try again.
     */
    @POST
    @Path("/{releaseReference}/cancellation")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Void> cancel(@HeaderParam("Idempotency-Key") String idempotencyKey,
                     @PathParam("releaseReference") String releaseReference, Cancellation cancellation);

    /** The body of a cancellation: why we take the release back. */
    record Cancellation(String reason) {
    }
}
