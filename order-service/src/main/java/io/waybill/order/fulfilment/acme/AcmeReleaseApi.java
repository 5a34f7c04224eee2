package io.waybill.order.fulfilment.acme;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * acme-3pl's release endpoint. The URL is configuration ({@code quarkus.rest-client.acme-3pl.url}); the
 * Idempotency-Key lets acme drop a release we send twice (a replica race or a retry after a lost answer).
 */
@RegisterRestClient(configKey = "acme-3pl")
@Path("/releases")
public interface AcmeReleaseApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Void> release(@HeaderParam("Idempotency-Key") String idempotencyKey, AcmeRelease release);
}
