package io.waybill.odoo.stub;

/**
 * The API a stub speaks, and with it the recorded server it answers as: JSON-RPC as Odoo 17.0 answered it, JSON-2
 * as Odoo 19.0 did. The names are odoo-connector's ({@code waybill.odoo.api}), so a test maps one onto the other
 * with {@code valueOf(name())}.
 */
public enum OdooApi {
    /** {@code POST /jsonrpc}, recorded from Odoo 17.0 ({@code ../shared/odoo-17.0}). */
    JSON_RPC,
    /** {@code POST /json/2/<model>/<method>}, recorded from Odoo 19.0 ({@code ../shared/odoo-19.0}). */
    JSON_2
}
