package io.waybill.odoo.client;

/** The API key or the Odoo user behind it may not do this (AccessError, AccessDenied, HTTP 401/403). */
public final class OdooAccessException extends OdooException {

    public OdooAccessException(String odooErrorName, String message) {
        super(odooErrorName, message, null);
    }
}
