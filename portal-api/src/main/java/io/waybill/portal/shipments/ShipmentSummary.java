package io.waybill.portal.shipments;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waybill.portal.wording.CustomerStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A parcel of an order")
public record ShipmentSummary(
        @Schema(examples = "1Z999AA10123456784") String trackingNumber,
        CustomerStatus status,
        @Schema(description = "When the carrier reported the current status") Instant statusSince,
        @Schema(examples = "2026-11-27") String promisedDeliveryDate,
        Instant deliveredAt,
        Instant asOf) {
}
