package io.waybill.portal.invoices;

import io.smallrye.mutiny.Uni;
import io.waybill.foundation.security.Scopes;
import io.waybill.portal.identity.CustomerIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/me/invoices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.PORTAL_CUSTOMER)
@Tag(name = "Invoices", description = "Your invoices and credit notes with their payment state")
@SecurityRequirement(name = "oidc", scopes = Scopes.PORTAL_CUSTOMER)
public class InvoiceResource {

    private final InvoiceQueries invoices;
    private final CustomerIdentity customer;

    public InvoiceResource(InvoiceQueries invoices, CustomerIdentity customer) {
        this.invoices = invoices;
        this.customer = customer;
    }

    @GET
    @Operation(operationId = "listMyInvoices", summary = "Your invoices and credit notes, newest first")
    public Uni<InvoicePage> list(@Parameter(description = "Page index, from 0") @QueryParam("page") @DefaultValue("0") int page,
                                 @Parameter(description = "Documents per page, 1 to 100") @QueryParam("size") @DefaultValue("20") int size) {
        return invoices.list(customer.customerId(), page, size);
    }

    @GET
    @Path("/{invoiceNumber}")
    @Operation(operationId = "getMyInvoice", summary = "One invoice or credit note with its payment state")
    public Uni<InvoiceView> one(@Parameter(description = "The invoice or credit note number", example = "INV-2026-001234")
                                @PathParam("invoiceNumber") String invoiceNumber) {
        return invoices.one(customer.customerId(), invoiceNumber);
    }
}
