package io.waybill.portal.ops;

import io.smallrye.mutiny.Uni;
import io.waybill.foundation.security.Scopes;
import io.waybill.portal.readmodel.ReadModelRebuild;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Operator action on the read model. Guarded by ops.dead-letters, the scope of the operators who already repair
 * event processing (replaying dead letters); it is not a customer capability.
 */
@Path("/admin/read-model")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.OPS_DEAD_LETTERS)
@Tag(name = "Operations")
@SecurityRequirement(name = "oidc", scopes = Scopes.OPS_DEAD_LETTERS)
public class ReadModelResource {

    private final ReadModelRebuild rebuild;

    public ReadModelResource(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @POST
    @Path("/rebuild")
    @Operation(summary = "Truncate the read model and rebuild it by replaying the portal's event log")
    public Uni<ReadModelRebuild.Result> rebuild() {
        return rebuild.rebuild();
    }
}
