package io.waybill.shipment.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.waybill.shipment.tracking.WebhookIntake;
import io.waybill.shipment.tracking.signature.EasyPostSignature;
import io.waybill.shipment.tracking.signature.StandardWebhooks;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * Carrier tracking webhooks, one endpoint per carrier. Open to callers without a token on purpose
 * ({@code @PermitAll}): carriers that only sign their webhooks cannot obtain one, so {@link WebhookIntake} checks the
 * carrier's signature instead, or the token's scope and partner id when there is one. Answers 202 as soon as the
 * webhook is stored.
 */
@Path("/carriers/{carrierId}/webhooks")
public class CarrierWebhookResource {

    private final WebhookIntake intake;
    private final SecurityIdentity identity;

    public CarrierWebhookResource(WebhookIntake intake, SecurityIdentity identity) {
        this.intake = intake;
        this.identity = identity;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(@PathParam("carrierId") String carrierId, byte[] body, @Context HttpHeaders headers,
                                 @Context HttpServerRequest request) {
        WebhookIntake.Headers relevant = new WebhookIntake.Headers(
                headers.getHeaderString(StandardWebhooks.ID),
                headers.getHeaderString(StandardWebhooks.TIMESTAMP),
                headers.getHeaderString(StandardWebhooks.SIGNATURE),
                headers.getHeaderString(EasyPostSignature.HEADER),
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        return intake.receive(carrierId, relevant, body == null ? new byte[0] : body, identity)
                .map(receipt -> Response.accepted(Map.of("id", receipt.id().toString(),
                        "deliveryId", receipt.deliveryId())).build());
    }
}
