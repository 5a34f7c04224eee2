package io.waybill.shipment.booking;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.waybill.model.Address;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/** {@code waybill.shipping.*}: where parcels leave from, and how quotes in different currencies are compared. */
@ConfigMapping(prefix = "waybill.shipping")
public interface ShippingConfig {

    /** Ship-from address of warehouses without an entry in {@link #origins()}. */
    Origin defaultOrigin();

    /** Ship-from address by warehouse id. */
    Map<String, Origin> origins();

    /** Quotes are ranked by cost in this currency. */
    @WithDefault("EUR")
    String referenceCurrency();

    /**
     * Value of one unit of a foreign currency in the reference currency, e.g. {@code USD=0.92}. A quote in a currency
     * with no rate here ranks after every comparable one instead of being compared on a guess.
     */
    Map<String, BigDecimal> exchangeRates();

    interface Origin {
        String name();

        Optional<String> company();

        String street1();

        Optional<String> street2();

        String city();

        Optional<String> region();

        String postalCode();

        String countryCode();

        Optional<String> phone();

        Optional<String> email();

        default Address toAddress() {
            return new Address(name(), company().orElse(null), street1(), street2().orElse(null), city(),
                    region().orElse(null), postalCode(), countryCode(), phone().orElse(null), email().orElse(null));
        }
    }
}
