package io.waybill.odoo.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.events.odoo.SalesOrderConfirmed;
import io.waybill.odoo.client.OdooRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Odoo's Shipping Policy ({@code sale.order.picking_policy}) decides whether the published order may ship in parts:
 * "As soon as possible" may, "When all products are ready" may not, and anything Odoo does not normally say ships
 * whole. The order is S00025 as recorded from Odoo 17.0 (029/030/010), with only the policy varied.
 */
class OdooShippingPolicyDecidesWhetherAnOrderMayBeSplitTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anOrderToShipAsSoonAsPossibleMayBeSplit() {
        assertEquals(Boolean.TRUE, confirmedWithPolicy("\"direct\"").allowSplit());
    }

    @Test
    void anOrderToShipWhenAllProductsAreReadyIsNeverSplit() {
        assertEquals(Boolean.FALSE, confirmedWithPolicy("\"one\"").allowSplit());
    }

    @Test
    void anOrderWithoutAShippingPolicyIsNotSplit() {
        assertEquals(Boolean.FALSE, confirmedWithPolicy("false").allowSplit());
    }

    @Test
    void anOrderWithAShippingPolicyWaybillDoesNotKnowIsNotSplit() {
        // A customization may add its own policy (e.g. "pack as available, ship at once"): not one to split on.
        assertEquals(Boolean.FALSE, confirmedWithPolicy("\"pack_direct_ship_one\"").allowSplit());
    }

    private static SalesOrderConfirmed confirmedWithPolicy(String policyJson) {
        OdooRecord order = record("""
                {"id": 25, "name": "S00025", "state": "sale", "partner_id": [43, "Acme Java Integration Ltd"],
                 "partner_shipping_id": [43, "Acme Java Integration Ltd"], "client_order_ref": "JAVA-PO-0001",
                 "carrier_id": [1, "Standard delivery"], "commitment_date": false,
                 "date_order": "2026-11-22 12:50:03", "order_line": [51], "write_date": "2026-11-22 12:50:03",
                 "picking_policy": %s}""".formatted(policyJson));
        OdooRecord line = record("""
                {"id": 51, "product_id": [44, "[JAVA-WIDGET-001] Java Widget"], "product_uom_qty": 5.0,
                 "display_type": false, "is_delivery": false, "name": "[JAVA-WIDGET-001] Java Widget"}""");
        OdooRecord customer = record("""
                {"id": 43, "name": "Acme Java Integration Ltd", "street": "1 Integration Way", "street2": false,
                 "city": "Springfield", "zip": "62701", "country_id": [233, "United States"], "phone": false,
                 "email": false, "ref": "JAVA-CUST-0001", "is_company": true,
                 "commercial_partner_id": [43, "Acme Java Integration Ltd"]}""");
        OdooSalesOrder read = new OdooSalesOrder(order, List.of(line), Map.of(44L, "JAVA-WIDGET-001"), customer,
                customer, Map.of(233L, "US"));
        return OdooMapping.confirmedOrder(read, "JAVA-CUST-0001");
    }

    private static OdooRecord record(String json) {
        try {
            return new OdooRecord((ObjectNode) JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
