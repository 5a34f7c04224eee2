package io.waybill.odoo.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.odoo.config.OdooConnectorConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Receives Odoo's "Send Webhook Notification" posts. Odoo cannot authenticate them, so the unguessable secret in
 * the path is the only guard, and the body is only a hint: nothing of it is trusted beyond "record X of model Y
 * may have changed". Odoo 17 posts before its own transaction commits, with a one-second timeout, so this only
 * stores the hint and answers; the record is read back through the authenticated API afterwards.
 */
@Path("/odoo/webhooks/{secret}")
@PermitAll
public class WebhookResource {

    static final Set<String> MODELS = Set.of("sale.order", "res.partner", "product.product");

    private final byte[] secret;
    private final InboundHints hints;

    public WebhookResource(OdooConnectorConfig config, InboundHints hints) {
        this.secret = config.webhook().secret().getBytes(StandardCharsets.UTF_8);
        this.hints = hints;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    @Operation(summary = "Odoo webhook: a record changed (hint only; read back through the API)")
    public Uni<Response> receive(@PathParam("secret") String presented, JsonNode payload) {
        // Constant-time comparison: the response time must not reveal how much of a guess was right.
        if (!MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
            throw ProblemException.notFound("resource", "No such resource");
        }
        String model = payload == null ? null : payload.path("_model").asText(null);
        long id = payload == null ? 0 : payload.path("_id").asLong(payload.path("id").asLong(0));
        if (model == null || id < 1) {
            throw ProblemException.invalidField("odoo-webhook-payload", "_model", "Expected Odoo's _model and _id keys");
        }
        if (!MODELS.contains(model)) {
            return Uni.createFrom().item(Response.accepted().build()); // not ours to follow; Odoo needs no error
        }
        return hints.store(model, id, payload.path("state").asText(null), "webhook")
                .replaceWith(Response.accepted().build());
    }
}
