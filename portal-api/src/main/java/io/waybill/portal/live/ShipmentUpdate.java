package io.waybill.portal.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waybill.portal.wording.CustomerStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A change to one of your parcels, as it happens")
public record ShipmentUpdate(
        @Schema(examples = "1Z999AA10123456784") String trackingNumber,
        @Schema(examples = "WB-7Q4K2M9XAB") String orderNumber,
        CustomerStatus status,
        Instant occurredAt,
        @Schema(examples = "Rotterdam, NL") String location,
        Instant asOf) {
}
