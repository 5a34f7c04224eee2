package io.waybill.foundation.deadletter;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Operators list, inspect, replay and discard the messages this service could not handle. */
@Path("/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.OPS_DEAD_LETTERS)
@Tag(name = "Operations")
@SecurityRequirement(name = "oidc", scopes = Scopes.OPS_DEAD_LETTERS)
public class DeadLetterResource {

    public record DeadLetterView(UUID id, String consumer, String messageId, String eventType, String subject,
                                 String error, int attempts, OffsetDateTime failedAt, DeadLetter.Status status,
                                 OffsetDateTime resolvedAt, String resolvedBy, String replayError, String payload) {
        static DeadLetterView of(DeadLetter d) {
            return new DeadLetterView(d.id, d.consumer, d.messageId, d.eventType, d.subject, d.error, d.attempts,
                    d.failedAt, d.status, d.resolvedAt, d.resolvedBy, d.replayError, d.payload);
        }
    }

    private final DeadLetterStore store;
    private final SecurityIdentity identity;

    public DeadLetterResource(DeadLetterStore store, SecurityIdentity identity) {
        this.store = store;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Dead letters of this service, newest first")
    public Uni<List<DeadLetterView>> list(@QueryParam("status") @DefaultValue("OPEN") DeadLetter.Status status,
                                          @QueryParam("page") @DefaultValue("0") int page,
                                          @QueryParam("size") @DefaultValue("50") int size) {
        return store.list(status, Math.max(0, page), Math.min(Math.max(1, size), 500))
                .map(letters -> letters.stream().map(DeadLetterView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One dead letter with its stored message and error")
    public Uni<DeadLetterView> get(@PathParam("id") UUID id) {
        return store.get(id).map(DeadLetterView::of);
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Hand the message to its handler again (idempotent through the inbox)")
    public Uni<DeadLetterView> replay(@PathParam("id") UUID id) {
        return store.replay(id, identity.getPrincipal().getName()).map(DeadLetterView::of);
    }

    @POST
    @Path("/{id}/discard")
    @Operation(summary = "Close a dead letter without replaying it")
    public Uni<DeadLetterView> discard(@PathParam("id") UUID id) {
        return store.discard(id, identity.getPrincipal().getName()).map(DeadLetterView::of);
    }
}
