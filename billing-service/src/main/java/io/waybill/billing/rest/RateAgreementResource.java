package io.waybill.billing.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.waybill.billing.rating.RateAgreementView;
import io.waybill.billing.rating.RateAgreements;
import io.waybill.billing.rating.RateTerms;
import io.waybill.foundation.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Customers' rate agreements: internal commercial terms, never shown to customers. */
@Path("/rate-agreements/{customerId}")
@Produces(MediaType.APPLICATION_JSON)
public class RateAgreementResource {

    private final RateAgreements agreements;
    private final SecurityIdentity identity;

    public RateAgreementResource(RateAgreements agreements, SecurityIdentity identity) {
        this.agreements = agreements;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Scopes.BILLING_WRITE, Scopes.BILLING_AUDIT})
    public Uni<RateAgreementView> agreement(@PathParam("customerId") String customerId) {
        return agreements.view(customerId);
    }

    /** Replaces the agreement whole; shipments booked from now on are rated with it. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.BILLING_WRITE)
    public Uni<RateAgreementView> replace(
            @PathParam("customerId") @Pattern(regexp = "[A-Za-z0-9._-]{1,100}") String customerId,
            @Valid @NotNull RateTerms terms) {
        return agreements.replace(customerId, terms, identity.getPrincipal().getName());
    }
}
