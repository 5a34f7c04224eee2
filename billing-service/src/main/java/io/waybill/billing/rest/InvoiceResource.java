package io.waybill.billing.rest;

import io.smallrye.mutiny.Uni;
import io.waybill.billing.invoicing.AdjustmentNotes;
import io.waybill.billing.invoicing.CreditNoteRequest;
import io.waybill.billing.invoicing.DebitNoteRequest;
import io.waybill.billing.invoicing.InvoiceQueries;
import io.waybill.billing.invoicing.InvoiceView;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.foundation.security.Scopes;
import io.waybill.model.billing.AdjustmentNote;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.UUID;

/**
 * Posted customer invoices. There is no endpoint that edits one: adjustments are credit notes and debit notes (here,
 * or a debit note from an accepted freight dispute). The portal builds its own invoice list from billing events.
 */
@Path("/invoices")
@Produces(MediaType.APPLICATION_JSON)
public class InvoiceResource {

    private final InvoiceQueries queries;
    private final AdjustmentNotes notes;

    public InvoiceResource(InvoiceQueries queries, AdjustmentNotes notes) {
        this.queries = queries;
        this.notes = notes;
    }

    @GET
    @Path("/{invoiceId}")
    @RolesAllowed(Scopes.BILLING_READ)
    public Uni<InvoiceView> invoice(@PathParam("invoiceId") String invoiceId) {
        return queries.invoice(invoiceIdOf(invoiceId));
    }

    @POST
    @Path("/{invoiceId}/credit-notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.BILLING_WRITE)
    @ResponseStatus(201)
    public Uni<AdjustmentNote> credit(@PathParam("invoiceId") String invoiceId,
                                      @HeaderParam("X-Correlation-Id") String correlationId,
                                      @Valid @NotNull CreditNoteRequest request) {
        return notes.credit(invoiceIdOf(invoiceId), request, EventContext.start(correlationId, null));
    }

    @POST
    @Path("/{invoiceId}/debit-notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.BILLING_WRITE)
    @ResponseStatus(201)
    @Operation(summary = "Charge the customer more on a posted invoice",
            description = "Issues a debit note against the invoice, which itself never changes. Each line names a "
                    + "charge code, a customer-facing description and a positive amount in the invoice's currency "
                    + "(at most its minor unit); a shipmentId, if given, must be one the invoice bills.")
    @APIResponse(responseCode = "201", description = "The debit note issued (published to Odoo as an event)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdjustmentNote.class)))
    @APIResponse(responseCode = "400", description = "The body is not valid JSON or has unknown fields",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such invoice",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "A line is invalid; errors name each field",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<AdjustmentNote> debit(@PathParam("invoiceId") String invoiceId,
                                     @HeaderParam("X-Correlation-Id") String correlationId,
                                     @Valid @NotNull DebitNoteRequest request) {
        return notes.debit(invoiceIdOf(invoiceId), request, EventContext.start(correlationId, null));
    }

    static UUID invoiceIdOf(String invoiceId) {
        try {
            return UUID.fromString(invoiceId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("invoice", "No invoice " + invoiceId);
        }
    }
}
