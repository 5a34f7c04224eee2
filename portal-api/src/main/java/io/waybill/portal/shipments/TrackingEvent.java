package io.waybill.portal.shipments;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waybill.portal.wording.CustomerStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One step of a parcel's journey")
public record TrackingEvent(
        CustomerStatus status,
        @Schema(description = "When it happened, as reported by the carrier") Instant occurredAt,
        @Schema(examples = "Rotterdam, NL") String location) {
}
