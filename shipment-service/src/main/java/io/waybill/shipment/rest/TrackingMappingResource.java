package io.waybill.shipment.rest;

import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.Problem;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.foundation.security.Scopes;
import io.waybill.shipment.tracking.StatusMappingReload;
import io.waybill.shipment.tracking.StatusMappingTables;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Operations' lever for the carrier status mapping tables: after adding or changing a file in
 * {@code waybill.tracking.mapping-dir}, reload makes it take effect and re-maps the events stored as unmapped.
 */
@Path("/tracking/mappings")
@Produces(MediaType.APPLICATION_JSON)
public class TrackingMappingResource {

    private final StatusMappingReload reload;

    public TrackingMappingResource(StatusMappingReload reload) {
        this.reload = reload;
    }

    @POST
    @Path("/reload")
    @RolesAllowed(Scopes.SHIPMENTS_OPERATE)
    @Operation(summary = "Reload the carrier status mapping tables and re-map events stored as unmapped",
            description = "All or nothing: a table with an entry that is not a milestone is refused (422) and the "
                    + "tables in use stay as they were.")
    public Uni<StatusMappingReload.Result> reload() {
        try {
            return reload.reload();
        } catch (StatusMappingTables.InvalidMappingException invalid) {
            throw new ProblemException(422, "mapping-table-invalid", "A status mapping table is invalid",
                    invalid.problems().size() + " invalid entr" + (invalid.problems().size() == 1 ? "y" : "ies")
                            + "; nothing was reloaded",
                    invalid.problems().stream().map(p -> new Problem.FieldError("mapping-dir", p)).toList());
        }
    }
}
