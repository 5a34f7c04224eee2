package io.waybill.odoo.client;

/**
 * The request reached Odoo (or may have) but no answer came in time, or the connection broke after sending.
 * The outcome is unknown: Odoo may well have committed the write. Retrying is right, but a retried create must
 * first look for the record it may already have made (binding or external reference), never create blindly.
 */
public final class OdooTimeoutException extends OdooUnavailableException {

    public OdooTimeoutException(String message, Throwable cause) {
        super("timeout", message, cause);
    }
}
