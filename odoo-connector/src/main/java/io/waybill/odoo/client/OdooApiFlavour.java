package io.waybill.odoo.client;

/** Which of Odoo's external APIs a database is reached through. */
public enum OdooApiFlavour {
    /** {@code POST /jsonrpc}, service {@code object}, method {@code execute_kw}: Odoo 16 to 18 (deprecated in 19). */
    JSON_RPC,
    /** {@code POST /json/2/<model>/<method>} with a bearer API key: Odoo 19 and later. */
    JSON_2
}
