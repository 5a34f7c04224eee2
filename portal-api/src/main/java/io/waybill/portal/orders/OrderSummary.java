package io.waybill.portal.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waybill.portal.wording.CustomerStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An order in the list of your orders")
public record OrderSummary(
        @Schema(description = "The number to quote for this order", examples = "WB-7Q4K2M9XAB") String orderNumber,
        @Schema(description = "Your own reference for the order (your PO or web shop order number)", examples = "PO-2026-0042")
        String yourReference,
        Instant placedAt,
        CustomerStatus status,
        @Schema(description = "Delivery date promised at ordering, if any", examples = "2026-11-27") String promisedDate,
        @Schema(description = "Time of the last update Waybill received for this order") Instant asOf) {
}
