package io.waybill.systemtests;

/** Order submissions as a sales channel sends them. */
final class Orders {

    private Orders() {
    }

    /** To Berlin: routed to WH-BERLIN, released to the REST 3PL acme-3pl. */
    static String submission(String reference, String customerId, String sku, int quantity) {
        return submission(reference, customerId, sku, quantity, "Industriestrasse 7", "Berlin", "10115", "DE");
    }

    /** To Rotterdam: routed to WH-ROTTERDAM, released to the file-exchange 3PL northwind-3pl. */
    static String submissionToRotterdam(String reference, String customerId, String sku, int quantity) {
        return submission(reference, customerId, sku, quantity, "Waalhaven Oostzijde 1", "Rotterdam", "3087 BM", "NL");
    }

    /**
     * To Rotterdam, where routing allows WH-ROTTERDAM, then WH-BERLIN (rule benelux-from-rotterdam); with
     * {@code allowSplit} the customer accepts the order arriving as one shipment per warehouse, without it the order
     * ships from one warehouse or not at all.
     */
    static String submissionToRotterdam(String reference, String customerId, String sku, int quantity,
                                        boolean allowSplit) {
        return submission(reference, customerId, sku, quantity, "Receiving dock", "Waalhaven Oostzijde 1",
                "Rotterdam", "3087 BM", "NL", allowSplit);
    }

    private static String submission(String reference, String customerId, String sku, int quantity, String street,
                                     String city, String postalCode, String country) {
        return submission(reference, customerId, sku, quantity, "Receiving dock", street, city, postalCode, country);
    }

    /** With the recipient's name and street as given: personal data that must never reach a log. */
    static String submission(String reference, String customerId, String sku, int quantity, String recipient,
                             String street, String city, String postalCode, String country) {
        return submission(reference, customerId, sku, quantity, recipient, street, city, postalCode, country, null);
    }

    /** {@code allowSplit} null: the field is left out, as most channels send it. */
    private static String submission(String reference, String customerId, String sku, int quantity, String recipient,
                                     String street, String city, String postalCode, String country,
                                     Boolean allowSplit) {
        return """
                {"sourceReference":"%s","customerId":"%s","channel":"webshop","serviceLevel":"STANDARD",
                 "shipTo":{"name":"%s","street1":"%s","city":"%s","postalCode":"%s","countryCode":"%s"},
                 "lines":[{"sku":"%s","quantity":%d}]%s}""".formatted(reference, customerId, recipient, street, city,
                postalCode, country, sku, quantity, allowSplit == null ? "" : ",\"allowSplit\":" + allowSplit);
    }
}
