package io.waybill.inventory.availability;

import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.foundation.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code GET /availability?sku=A&sku=B&warehouse=WH-BERLIN}: what channels may still sell. */
@Path("/availability")
@RolesAllowed(Scopes.INVENTORY_READ)
@Produces(MediaType.APPLICATION_JSON)
public class AvailabilityResource {

    static final int MAX_SKUS = 200;

    private final Availability availability;

    public AvailabilityResource(Availability availability) {
        this.availability = availability;
    }

    @GET
    public Uni<List<SkuAvailability>> availability(@QueryParam("sku") List<String> skus,
                                                   @QueryParam("warehouse") List<String> warehouses) {
        if (skus == null || skus.isEmpty() || skus.stream().anyMatch(s -> s == null || s.isBlank())) {
            throw ProblemException.invalidField("sku-required", "sku", "Ask for at least one sku");
        }
        if (skus.size() > MAX_SKUS) {
            throw ProblemException.invalidField("too-many-skus", "sku", "Ask for at most " + MAX_SKUS + " SKUs at once");
        }
        return availability.of(skus, warehouses == null ? List.of() : warehouses);
    }
}
