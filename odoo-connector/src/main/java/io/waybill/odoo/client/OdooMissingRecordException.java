package io.waybill.odoo.client;

/** The record named by id does not exist (any more) in Odoo (MissingError). Note that {@code read} of a missing id is not an error in Odoo: it answers an empty list. */
public final class OdooMissingRecordException extends OdooException {

    public OdooMissingRecordException(String odooErrorName, String message) {
        super(odooErrorName, message, null);
    }
}
