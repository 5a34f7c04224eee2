package io.waybill.order.lifecycle;

/**
 * Who and what caused a change, for the audit history: {@code source} is the channel of the cause (rest, odoo,
 * saga, operator, acme-3pl, northwind-3pl, inventory-service, shipment-service), {@code actor} the principal or
 * service behind it.
 */
public record ChangeSource(String source, String actor) {

    public static ChangeSource rest(String actor) {
        return new ChangeSource("rest", actor);
    }

    public static ChangeSource operator(String actor) {
        return new ChangeSource("operator", actor);
    }

    public static ChangeSource event(String producingService) {
        return new ChangeSource("event", producingService);
    }

    public static ChangeSource partner(String partnerId) {
        return new ChangeSource(partnerId, partnerId);
    }
}
