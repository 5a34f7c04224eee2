package io.waybill.portal.orders;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where the order goes, as the customer gave it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "The delivery address of the order")
public record DeliveryAddress(String name, String company, String street1, String street2, String city,
                              String region, String postalCode,
                              @Schema(examples = "DE") String countryCode) {
}
