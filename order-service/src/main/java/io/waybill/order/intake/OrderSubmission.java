package io.waybill.order.intake;

import io.waybill.model.Address;
import io.waybill.model.UnitOfMeasure;
import io.waybill.model.order.ServiceLevel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * An order as a channel or partner submits it ({@code POST /orders}). {@code sourceReference} is the submitter's own
 * order number: submitting it twice never makes two orders. {@code sourceSystem} defaults to the calling client
 * (and is always the partner id for partner clients, so partners cannot collide with each other's references).
 */
public record OrderSubmission(
        @Size(max = 100) String sourceSystem,
        @NotBlank @Size(max = 200) String sourceReference,
        @NotBlank @Size(max = 100) String customerId,
        @Size(max = 100) String channel,
        @NotNull ServiceLevel serviceLevel,
        @NotNull @Valid ShipTo shipTo,
        @NotEmpty @Size(max = 500) List<@NotNull @Valid Line> lines,
        Boolean allowSplit,
        @Size(max = 100) String requestedCarrier,
        LocalDate promisedDate) {

    /**
     * Where the order goes. Checked field by field here (so the problem names {@code shipTo.street1}), then turned
     * into the canonical {@link Address}.
     */
    public record ShipTo(
            @Size(max = 200) String name,
            @Size(max = 200) String company,
            @NotBlank @Size(max = 200) String street1,
            @Size(max = 200) String street2,
            @NotBlank @Size(max = 100) String city,
            @Size(max = 100) String region,
            @Size(max = 20) String postalCode,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code, e.g. DE") String countryCode,
            @Size(max = 50) String phone,
            @Size(max = 200) String email) {

        public Address toAddress() {
            return new Address(name, company, street1, street2, city, region, postalCode, countryCode, phone, email);
        }

        public static ShipTo of(Address a) {
            return new ShipTo(a.name(), a.company(), a.street1(), a.street2(), a.city(), a.region(), a.postalCode(),
                    a.countryCode(), a.phone(), a.email());
        }
    }

    /** One line: {@code quantity} in {@code unit} (EACH when absent). {@code lineId} defaults to the position. */
    public record Line(
            @Size(max = 50) String lineId,
            @NotBlank @Size(max = 100) String sku,
            @NotNull @Positive BigDecimal quantity,
            UnitOfMeasure unit) {

        public UnitOfMeasure unitOrEach() {
            return unit == null ? UnitOfMeasure.EACH : unit;
        }
    }
}
