package io.waybill.portal.returns;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waybill.portal.orders.OrderLineView;
import io.waybill.portal.wording.CustomerStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A return you requested")
public record ReturnView(
        @Schema(description = "The number to quote for this return", examples = "RR-7Q4K2M9X") String returnNumber,
        @Schema(examples = "WB-7Q4K2M9XAB") String orderNumber,
        CustomerStatus status,
        @Schema(description = "Tracking number of the return parcel, once the return is approved",
                examples = "1Z999AA10123456799") String returnTrackingNumber,
        List<OrderLineView> lines,
        ReturnReason reason,
        String comment,
        Instant requestedAt,
        Instant asOf) {
}
