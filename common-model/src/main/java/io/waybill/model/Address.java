package io.waybill.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A postal address a carrier can deliver to. The country is ISO 3166-1 alpha-2, since every carrier API and Odoo
 * speak that; a deliverable address needs at least a street, a city and a country.
 */
public record Address(
        String name,
        String company,
        String street1,
        String street2,
        String city,
        String region,
        String postalCode,
        String countryCode,
        String phone,
        String email) {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public Address {
        requireText(street1, "street1");
        requireText(city, "city");
        Objects.requireNonNull(countryCode, "countryCode");
        if (!COUNTRY.matcher(countryCode).matches()) {
            throw new IllegalArgumentException("countryCode must be ISO 3166-1 alpha-2, e.g. DE: " + countryCode);
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required for a deliverable address");
        }
    }
}
