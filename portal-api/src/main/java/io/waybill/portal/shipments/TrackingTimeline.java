package io.waybill.portal.shipments;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waybill.portal.wording.CustomerStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Where your parcel is and where it has been")
public record TrackingTimeline(
        @Schema(examples = "1Z999AA10123456784") String trackingNumber,
        @Schema(examples = "WB-7Q4K2M9XAB") String orderNumber,
        CustomerStatus status,
        @Schema(examples = "2026-11-27") String promisedDeliveryDate,
        Instant deliveredAt,
        @Schema(description = "Oldest first") List<TrackingEvent> events,
        @Schema(description = "Time of the last update Waybill received for this parcel") Instant asOf) {
}
