package io.waybill.odoo.client;

/** Odoo refused the values: a constraint or a required field (ValidationError). */
public final class OdooValidationException extends OdooException {

    public OdooValidationException(String odooErrorName, String message) {
        super(odooErrorName, message, null);
    }
}
