package io.waybill.portal.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A page of your orders")
public record OrderPage(
        List<OrderSummary> items,
        @Schema(description = "Page index, from 0", examples = "0") int page,
        @Schema(examples = "20") int size,
        @Schema(examples = "57") long totalItems,
        @Schema(examples = "3") int totalPages,
        @Schema(description = "Time of the most recent update among the orders of this page") Instant asOf) {
}
