package io.waybill.odoo.client;

/** Any other server fault: unknown field or model, SQL error, malformed request. A defect on one side, not worth retrying. */
public final class OdooServerException extends OdooException {

    public OdooServerException(String odooErrorName, String message) {
        super(odooErrorName, message, null);
    }
}
