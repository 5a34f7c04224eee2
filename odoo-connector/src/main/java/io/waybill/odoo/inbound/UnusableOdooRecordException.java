package io.waybill.odoo.inbound;

/**
 * An Odoo record that cannot become a canonical one as it stands (no delivery address, a product without an
 * internal reference...). Retrying does not help; someone has to fix the record in Odoo, after which the poll
 * sees its new write_date and tries again.
 */
public class UnusableOdooRecordException extends RuntimeException {

    public UnusableOdooRecordException(String message) {
        super(message);
    }
}
