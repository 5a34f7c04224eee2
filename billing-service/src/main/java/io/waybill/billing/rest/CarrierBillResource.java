package io.waybill.billing.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.waybill.foundation.security.RateLimited;
import io.smallrye.mutiny.Uni;
import io.waybill.billing.carrierbill.CarrierBillIntake;
import io.waybill.billing.carrierbill.CarrierBillRequest;
import io.waybill.billing.carrierbill.CarrierBillView;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.foundation.security.Claims;
import io.waybill.foundation.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Carrier invoices to Waybill, one at a time as JSON or a carrier's batch as CSV. Finance submits them with
 * billing.write; a carrier's own client (billing.write and its partner_id claim) submits and reads only its own.
 * Each bill is audited as it is taken in; the response shows the verdict on every line.
 */
@RateLimited
@Path("/carrier-bills")
@Produces(MediaType.APPLICATION_JSON)
public class CarrierBillResource {

    public static final String TEXT_CSV = "text/csv";

    private final CarrierBillIntake intake;
    private final SecurityIdentity identity;

    public CarrierBillResource(CarrierBillIntake intake, SecurityIdentity identity) {
        this.intake = intake;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.BILLING_WRITE)
    @ResponseStatus(201)
    public Uni<CarrierBillView> receive(@HeaderParam("X-Correlation-Id") String correlationId,
                                        @Valid @NotNull CarrierBillRequest bill) {
        requireOwnCarrier(bill.carrierId());
        return intake.receive(bill, EventContext.start(correlationId, null));
    }

    @POST
    @Path("/batches/{carrierId}")
    @Consumes(TEXT_CSV)
    @RolesAllowed(Scopes.BILLING_WRITE)
    @ResponseStatus(201)
    public Uni<List<CarrierBillView>> receiveBatch(@PathParam("carrierId") String carrierId,
                                                   @HeaderParam("X-Correlation-Id") String correlationId,
                                                   String csv) {
        requireOwnCarrier(carrierId);
        return intake.receiveBatch(carrierId, csv, EventContext.start(correlationId, null));
    }

    @GET
    @Path("/{billId}")
    @RolesAllowed({Scopes.BILLING_WRITE, Scopes.BILLING_AUDIT})
    public Uni<CarrierBillView> bill(@PathParam("billId") String billId) {
        UUID id;
        try {
            id = UUID.fromString(billId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("carrier-bill", "No carrier bill " + billId);
        }
        Optional<String> partner = Claims.partnerId(identity);
        return intake.find(id).invoke(bill -> {
            // Another carrier's bill is not disclosed, not even that it exists.
            if (partner.isPresent() && !partner.get().equals(bill.carrierId())) {
                throw ProblemException.notFound("carrier-bill", "No carrier bill " + billId);
            }
        });
    }

    /** A carrier's client acts only for itself; finance (no partner_id) acts for any carrier. */
    private void requireOwnCarrier(String carrierId) {
        Claims.partnerId(identity).ifPresent(partner -> {
            if (!partner.equals(carrierId)) {
                throw ProblemException.forbidden("Carrier " + partner + " cannot submit bills of carrier " + carrierId);
            }
        });
    }
}
