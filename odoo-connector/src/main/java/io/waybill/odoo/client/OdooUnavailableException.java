package io.waybill.odoo.client;

/**
 * Odoo could not be reached or answered that it is not serving (connection refused, HTTP 502/503/504,
 * maintenance page). Nothing was done; the same call is worth repeating later.
 */
public sealed class OdooUnavailableException extends OdooException permits OdooTimeoutException {

    public OdooUnavailableException(String message, Throwable cause) {
        super("unavailable", message, cause);
    }

    protected OdooUnavailableException(String odooErrorName, String message, Throwable cause) {
        super(odooErrorName, message, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
