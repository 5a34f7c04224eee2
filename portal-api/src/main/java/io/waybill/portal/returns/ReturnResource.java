package io.waybill.portal.returns;

import io.smallrye.mutiny.Uni;
import io.waybill.foundation.security.Scopes;
import io.waybill.portal.identity.CustomerIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/me/returns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.PORTAL_CUSTOMER)
@Tag(name = "Returns", description = "Send goods of a delivered order back")
@SecurityRequirement(name = "oidc", scopes = Scopes.PORTAL_CUSTOMER)
public class ReturnResource {

    private final ReturnRequests returns;
    private final CustomerIdentity customer;

    public ReturnResource(ReturnRequests returns, CustomerIdentity customer) {
        this.returns = returns;
        this.customer = customer;
    }

    @GET
    @Path("/{returnNumber}")
    @Operation(operationId = "getMyReturn", summary = "A return you requested")
    public Uni<ReturnView> one(@Parameter(description = "The return number", example = "RR-7Q4K2M9X")
                               @PathParam("returnNumber") String returnNumber) {
        return returns.one(customer.customerId(), returnNumber);
    }
}
