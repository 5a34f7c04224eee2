package io.waybill.benchmarks;

import java.util.List;

/**
 * One order of the load, chosen by its sequence number so that every run submits the same mix: both demo customers,
 * both destinations (Berlin routes to WH-BERLIN and its REST 3PL, Rotterdam to WH-ROTTERDAM and its file-exchange
 * 3PL), three products, one or two units, now and then express.
 * <p>
 * The demo pallet jack (68 kg) is left out: it is heavier than the last weight band of the demo rate agreements
 * (31.5 kg), so billing-service rates it UNRATED and, by design, waits for an operator instead of invoicing it.
 */
record OrderPlan(String customerId, Destination destination, String sku, int quantity, String serviceLevel) {

    record Destination(String name, String street, String city, String postalCode, String countryCode,
                       String warehouse) {
    }

    static final Destination BERLIN = new Destination("Receiving dock", "Industriestrasse 7", "Berlin", "10115", "DE",
            "WH-BERLIN");
    static final Destination ROTTERDAM = new Destination("Receiving dock", "Waalhaven Oostzijde 1", "Rotterdam",
            "3087 BM", "NL", "WH-ROTTERDAM");
    static final List<String> CUSTOMERS = List.of("CUST-ACME", "CUST-GLOBEX");
    static final List<Destination> DESTINATIONS = List.of(BERLIN, ROTTERDAM);
    static final List<String> SKUS = List.of("SKU-STRETCH-FILM", "SKU-SHIPPING-BOX-M", "SKU-LABEL-PRINTER");
    /** The most units of one SKU an order asks for. */
    static final int MAX_QUANTITY = 2;

    static OrderPlan of(long sequence) {
        String customer = CUSTOMERS.get((int) (sequence % 2));
        Destination destination = DESTINATIONS.get((int) (sequence / 2 % 2));
        String sku = SKUS.get((int) (sequence / 4 % SKUS.size()));
        int quantity = 1 + (int) (sequence / 12 % MAX_QUANTITY);
        // Express within Germany takes the next-day rule (Berlin only, two carriers); everything else the defaults.
        String level = destination == BERLIN && sequence % 10 == 9 ? "EXPRESS" : "STANDARD";
        return new OrderPlan(customer, destination, sku, quantity, level);
    }

    /** The body of {@code POST /orders}, as the webshop channel sends it. */
    String submission(String reference) {
        return """
                {"sourceReference":"%s","customerId":"%s","channel":"webshop","serviceLevel":"%s",\
                "shipTo":{"name":"%s","street1":"%s","city":"%s","postalCode":"%s","countryCode":"%s"},\
                "lines":[{"sku":"%s","quantity":%d}]}""".formatted(reference, customerId, serviceLevel,
                destination.name(), destination.street(), destination.city(), destination.postalCode(),
                destination.countryCode(), sku, quantity);
    }
}
