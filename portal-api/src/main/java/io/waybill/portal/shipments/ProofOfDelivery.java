package io.waybill.portal.shipments;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The carrier's confirmation that your parcel was delivered")
public record ProofOfDelivery(
        @Schema(examples = "1Z999AA10123456784") String trackingNumber,
        @Schema(examples = "WB-7Q4K2M9XAB") String orderNumber,
        Instant deliveredAt,
        @Schema(description = "Who signed for the parcel, if the carrier recorded a signature", examples = "J. SMITH")
        String signedBy,
        @Schema(description = "What evidence the carrier holds: PHOTO, SIGNATURE; ask customer support for a copy",
                examples = "[\"PHOTO\"]")
        List<String> evidence,
        Instant asOf) {
}
