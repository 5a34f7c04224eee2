package io.waybill.order.intake;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a postcode can be right for its country, before a carrier refuses the label: the national format where
 * Waybill's routes deliver (the countries of routing-rules.yaml and their neighbours), a sane shape elsewhere.
 * Data, not rules: extend the table when routing adds a country.
 */
final class PostalCodes {

    /** Upper-case forms, as the post offices print them; a space where they put one is optional here. */
    private static final Map<String, Format> FORMATS = Map.ofEntries(
            Map.entry("DE", new Format("\\d{5}", "5 digits, e.g. 10115")),
            Map.entry("AT", new Format("\\d{4}", "4 digits, e.g. 1010")),
            Map.entry("CH", new Format("\\d{4}", "4 digits, e.g. 8001")),
            Map.entry("BE", new Format("\\d{4}", "4 digits, e.g. 1000")),
            Map.entry("LU", new Format("(L-?)?\\d{4}", "4 digits, e.g. 1009")),
            Map.entry("DK", new Format("\\d{4}", "4 digits, e.g. 1050")),
            Map.entry("NL", new Format("[1-9]\\d{3} ?[A-Z]{2}", "4 digits and 2 letters, e.g. 3011 AA")),
            Map.entry("FR", new Format("\\d{5}", "5 digits, e.g. 75001")),
            Map.entry("IT", new Format("\\d{5}", "5 digits, e.g. 00184")),
            Map.entry("ES", new Format("\\d{5}", "5 digits, e.g. 28001")),
            Map.entry("PL", new Format("\\d{2}-\\d{3}", "2 digits, a dash and 3 digits, e.g. 00-950")),
            Map.entry("CZ", new Format("\\d{3} ?\\d{2}", "5 digits, e.g. 110 00")),
            Map.entry("SE", new Format("\\d{3} ?\\d{2}", "5 digits, e.g. 111 22")),
            Map.entry("GB", new Format("[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}", "a UK postcode, e.g. SW1A 1AA")));
    /** Elsewhere: 2 to 10 letters, digits, spaces or dashes, starting with a letter or digit. */
    private static final Pattern SANE = Pattern.compile("[A-Z0-9][A-Z0-9 -]{1,9}");

    private record Format(Pattern pattern, String description) {
        Format(String regex, String description) {
            this(Pattern.compile(regex), description);
        }
    }

    private PostalCodes() {
    }

    /** What is wrong with the postcode for the country, or empty if it can be right (or the country is invalid). */
    static Optional<String> problem(String countryCode, String postalCode) {
        Format format = countryCode == null ? null : FORMATS.get(countryCode);
        String code = postalCode == null ? "" : postalCode.strip().toUpperCase(java.util.Locale.ROOT);
        if (code.isEmpty()) {
            return format == null ? Optional.empty()
                    : Optional.of("is required for " + countryCode + ": " + format.description());
        }
        if (format != null) {
            return format.pattern().matcher(code).matches() ? Optional.empty()
                    : Optional.of("'" + postalCode + "' is not a postcode of " + countryCode + ": " + format.description());
        }
        return SANE.matcher(code).matches() ? Optional.empty()
                : Optional.of("'" + postalCode + "' is not a postcode: 2 to 10 letters, digits, spaces or dashes");
    }
}
