package io.waybill.order.reference;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Operator and demo-data maintenance of the customers and products intake knows. In production odoo-connector's
 * sync events keep them current; these endpoints are for the local stack and for corrections.
 */
@Path("/")
@RolesAllowed(Scopes.ORDERS_OPERATE)
@Consumes(MediaType.APPLICATION_JSON)
public class ReferenceDataResource {

    private static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";

    private final ReferenceData referenceData;

    public ReferenceDataResource(ReferenceData referenceData) {
        this.referenceData = referenceData;
    }

    @PUT
    @Path("customers/{customerId}")
    @WithTransaction
    public Uni<RestResponse<Void>> putCustomer(@PathParam("customerId") @Pattern(regexp = ID) String customerId,
                                               @Valid CustomerRecord customer) {
        return referenceData.upsertCustomer(customerId, customer, "rest").replaceWith(RestResponse.noContent());
    }

    @PUT
    @Path("products/{sku}")
    @WithTransaction
    public Uni<RestResponse<Void>> putProduct(@PathParam("sku") @Pattern(regexp = ID) String sku,
                                              @Valid ProductRecord product) {
        return referenceData.upsertProduct(sku, product, "rest").replaceWith(RestResponse.noContent());
    }
}
