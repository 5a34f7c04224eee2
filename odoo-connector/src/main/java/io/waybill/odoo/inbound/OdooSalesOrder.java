package io.waybill.odoo.inbound;

import io.waybill.odoo.client.OdooRecord;

import java.util.List;
import java.util.Map;

/**
 * A sales order as the authenticated API returned it, with everything the canonical order needs: its lines,
 * the products' SKUs, the delivery partner, the ordering company and its country codes.
 *
 * @param skus      product.product id to its internal reference ({@code default_code}), for the order's products
 * @param countries res.country id to its ISO code
 */
public record OdooSalesOrder(OdooRecord order, List<OdooRecord> lines, Map<Long, String> skus, OdooRecord shipTo,
                             OdooRecord customer, Map<Long, String> countries) {

    public long id() {
        return order.id();
    }

    public String name() {
        return order.textOrNull("name");
    }

    public String state() {
        return order.textOrNull("state");
    }

    public String writeDate() {
        return order.textOrNull("write_date");
    }
}
