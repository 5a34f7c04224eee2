package io.waybill.portal.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waybill.model.Quantity;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One line of an order")
public record OrderLineView(
        @Schema(description = "Position of the line on the order, from 1", examples = "1") int line,
        @Schema(examples = "MUG-BLUE-330") String sku,
        String description,
        Quantity quantity) {
}
