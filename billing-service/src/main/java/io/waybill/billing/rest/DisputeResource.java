package io.waybill.billing.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.waybill.billing.audit.DisputeStatus;
import io.waybill.billing.audit.DisputeView;
import io.waybill.billing.audit.Disputes;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.foundation.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.UUID;

/** The freight audit's review queue, worked by operators with billing.audit. Every decision carries a note. */
@Path("/disputes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.BILLING_AUDIT)
public class DisputeResource {

    /** An operator's decision and why. */
    public record Decision(@NotBlank @Size(max = 2000) String note) {
    }

    private final Disputes disputes;
    private final SecurityIdentity identity;

    public DisputeResource(Disputes disputes, SecurityIdentity identity) {
        this.disputes = disputes;
        this.identity = identity;
    }

    @GET
    public Uni<List<DisputeView>> queue(@QueryParam("status") @DefaultValue("OPEN") DisputeStatus status,
                                        @QueryParam("carrierId") String carrierId,
                                        @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return disputes.queue(status, carrierId, limit);
    }

    @GET
    @Path("/{disputeId}")
    public Uni<DisputeView> dispute(@PathParam("disputeId") String disputeId) {
        return disputes.find(idOf(disputeId));
    }

    @POST
    @Path("/{disputeId}/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<DisputeView> accept(@PathParam("disputeId") String disputeId,
                                   @HeaderParam("X-Correlation-Id") String correlationId,
                                   @Valid @NotNull Decision decision) {
        return disputes.accept(idOf(disputeId), decision.note(), identity.getPrincipal().getName(),
                EventContext.start(correlationId, null));
    }

    @POST
    @Path("/{disputeId}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<DisputeView> reject(@PathParam("disputeId") String disputeId,
                                   @HeaderParam("X-Correlation-Id") String correlationId,
                                   @Valid @NotNull Decision decision) {
        return disputes.reject(idOf(disputeId), decision.note(), identity.getPrincipal().getName(),
                EventContext.start(correlationId, null));
    }

    private static UUID idOf(String disputeId) {
        try {
            return UUID.fromString(disputeId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("freight-dispute", "No freight dispute " + disputeId);
        }
    }
}
