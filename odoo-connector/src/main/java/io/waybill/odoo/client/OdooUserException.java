package io.waybill.odoo.client;

/** Odoo's business rules refused the action in the record's current state (UserError), e.g. confirming a cancelled order, or a wizard the connector cannot answer. */
public final class OdooUserException extends OdooException {

    public OdooUserException(String odooErrorName, String message) {
        super(odooErrorName, message, null);
    }
}
