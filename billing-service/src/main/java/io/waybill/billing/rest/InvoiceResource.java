package io.waybill.billing.rest;

import io.smallrye.mutiny.Uni;
import io.waybill.billing.invoicing.AdjustmentNotes;
import io.waybill.billing.invoicing.CreditNoteRequest;
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
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.UUID;

/**
 * Posted customer invoices. There is no endpoint that edits one: adjustments are credit notes (here) or debit notes
 * (from accepted freight disputes). The portal builds its own invoice list from billing events.
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

    static UUID invoiceIdOf(String invoiceId) {
        try {
            return UUID.fromString(invoiceId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("invoice", "No invoice " + invoiceId);
        }
    }
}
