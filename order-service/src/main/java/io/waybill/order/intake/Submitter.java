package io.waybill.order.intake;

/**
 * Who submits an order: the client (principal) behind the token, the partner it is (if any), and the channel the
 * order arrives through.
 */
public record Submitter(String clientId, String partnerId, String defaultChannel) {

    public static final Submitter ODOO = new Submitter("odoo-connector", null, "odoo");
}
