package io.waybill.odoo.client;

/**
 * A call to Odoo that did not do what was asked. Subclasses say why, so callers can tell a fault worth retrying
 * (Odoo unreachable) from one that will fail the same way every time (access, validation, missing record).
 * The message is Odoo's own, as its server reported it, without the server-side traceback.
 */
public abstract sealed class OdooException extends RuntimeException
        permits OdooAccessException, OdooValidationException, OdooMissingRecordException, OdooUserException,
        OdooServerException, OdooUnavailableException {

    private final String odooErrorName;

    protected OdooException(String odooErrorName, String message, Throwable cause) {
        super(message, cause);
        this.odooErrorName = odooErrorName;
    }

    /** Odoo's exception class (e.g. {@code odoo.exceptions.ValidationError}), or a transport description. */
    public String odooErrorName() {
        return odooErrorName;
    }

    /** Whether the same call may succeed later without anyone changing anything. */
    public boolean retryable() {
        return false;
    }
}
