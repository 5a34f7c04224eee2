package io.waybill.odoo.stub;

/** A fault the stub raises the way Odoo would; the server turns it into the recorded error body of its kind. */
final class StubFault extends RuntimeException {

    enum Kind { ACCESS, ACCESS_DENIED, VALIDATION, MISSING, USER, VALUE, UNKNOWN_MODEL, UNKNOWN_METHOD, SQL }

    final Kind kind;

    StubFault(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }
}
