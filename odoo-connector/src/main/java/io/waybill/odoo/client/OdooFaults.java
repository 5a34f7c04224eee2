package io.waybill.odoo.client;

/**
 * Maps Odoo's exception names to the connector's typed faults. Both APIs name the server-side exception class
 * ({@code error.data.name} in JSON-RPC, {@code name} in JSON-2), which is more telling than the HTTP status:
 * JSON-RPC answers every fault with HTTP 200, and JSON-2 uses 404 both for a missing record and an unknown model.
 */
final class OdooFaults {

    private OdooFaults() {
    }

    static OdooException fromOdoo(String name, String message) {
        String text = message == null || message.isBlank() ? name : message.strip();
        if (name == null) {
            return new OdooServerException("unknown", text);
        }
        return switch (name) {
            case "odoo.exceptions.AccessError", "odoo.exceptions.AccessDenied",
                 "werkzeug.exceptions.Unauthorized", "werkzeug.exceptions.Forbidden" ->
                    new OdooAccessException(name, text);
            case "odoo.exceptions.ValidationError" -> new OdooValidationException(name, text);
            case "odoo.exceptions.MissingError" -> new OdooMissingRecordException(name, text);
            case "odoo.exceptions.UserError", "odoo.exceptions.RedirectWarning" -> new OdooUserException(name, text);
            case "werkzeug.exceptions.ServiceUnavailable" -> new OdooUnavailableException(text, null);
            default -> new OdooServerException(name, text);
        };
    }
}
