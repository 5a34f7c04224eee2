package io.waybill.portal.invoices;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A page of your invoices and credit notes, newest first")
public record InvoicePage(List<InvoiceView> items, int page, int size, long totalItems, int totalPages,
                          @Schema(description = "Time of the most recent update among the documents of this page")
                          Instant asOf) {
}
