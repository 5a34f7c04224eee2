package io.waybill.portal.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waybill.portal.shipments.ShipmentSummary;
import io.waybill.portal.wording.CustomerStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One of your orders with its lines and shipments")
public record OrderDetail(
        @Schema(examples = "WB-7Q4K2M9XAB") String orderNumber,
        @Schema(examples = "PO-2026-0042") String yourReference,
        Instant placedAt,
        CustomerStatus status,
        @Schema(examples = "STANDARD") String serviceLevel,
        @Schema(examples = "2026-11-27") String promisedDate,
        DeliveryAddress shipTo,
        List<OrderLineView> lines,
        @Schema(description = "Parcels on their way or delivered; an order may ship in several")
        List<ShipmentSummary> shipments,
        @Schema(description = "Time of the last update Waybill received for this order or its shipments") Instant asOf) {
}
