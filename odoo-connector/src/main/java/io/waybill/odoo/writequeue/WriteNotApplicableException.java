package io.waybill.odoo.writequeue;

/**
 * A write that cannot be applied until something outside the queue changes (a customer Odoo does not know yet, for
 * example): retrying it at once cannot help and would hold up every write behind it, so the worker sets it aside
 * for an operator at the first failure ({@code POST /odoo/write-queue/{seq}/retry} once the cause is fixed).
 */
public class WriteNotApplicableException extends RuntimeException {

    public WriteNotApplicableException(String message) {
        super(message);
    }
}
