package io.waybill.partners.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.security.Scopes;
import io.waybill.partners.onboarding.PartnerOnboarding;
import io.waybill.partners.onboarding.PartnerRole;
import io.waybill.partners.persistence.Partner;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

/** Operators onboard partners and manage their credentials. A secret is shown once, in the response that issues it. */
@Path("/partners")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.PARTNERS_MANAGE)
@Tag(name = "Partner onboarding")
public class PartnerResource {

    public record Registration(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "must be 2-63 lower-case letters, digits or dashes")
            String partnerId,
            @NotBlank @Size(max = 200) String displayName,
            @NotNull PartnerRole role) {
    }

    public record PartnerView(String partnerId, String displayName, PartnerRole role, List<String> scopes,
                              Partner.Status status, OffsetDateTime registeredAt, String registeredBy,
                              OffsetDateTime credentialsRotatedAt, OffsetDateTime revokedAt) {
        static PartnerView of(Partner p) {
            return new PartnerView(p.partnerId, p.displayName, p.role, p.role.scopes(), p.status, p.registeredAt,
                    p.registeredBy, p.credentialsRotatedAt, p.revokedAt);
        }
    }

    private final PartnerOnboarding onboarding;
    private final SecurityIdentity identity;

    public PartnerResource(PartnerOnboarding onboarding, SecurityIdentity identity) {
        this.onboarding = onboarding;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a partner and issue its client with exactly its role's scopes")
    public Uni<Response> register(@Valid @NotNull Registration registration) {
        return onboarding.register(registration.partnerId(), registration.displayName(), registration.role(),
                        identity.getPrincipal().getName())
                .map(credentials -> Response.created(URI.create("/partners/" + credentials.partnerId()))
                        .entity(credentials).build());
    }

    @GET
    @Operation(summary = "Registered partners")
    public Uni<List<PartnerView>> list() {
        return onboarding.list().map(partners -> partners.stream().map(PartnerView::of).toList());
    }

    @GET
    @Path("/{partnerId}")
    @Operation(summary = "One partner")
    public Uni<PartnerView> get(@PathParam("partnerId") String partnerId) {
        return onboarding.find(partnerId).map(PartnerView::of);
    }

    @POST
    @Path("/{partnerId}/credentials/rotate")
    @Operation(summary = "Issue a new client secret; the old one stops working at once")
    public Uni<PartnerOnboarding.Credentials> rotate(@PathParam("partnerId") String partnerId) {
        return onboarding.rotate(partnerId);
    }

    @POST
    @Path("/{partnerId}/revoke")
    @Operation(summary = "Revoke the partner: no new token can be obtained from now on")
    public Uni<PartnerView> revoke(@PathParam("partnerId") String partnerId) {
        return onboarding.revoke(partnerId).map(PartnerView::of);
    }
}
