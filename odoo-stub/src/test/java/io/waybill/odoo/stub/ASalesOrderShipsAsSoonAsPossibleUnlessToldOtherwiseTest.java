package io.waybill.odoo.stub;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A sales order's Shipping Policy ({@code picking_policy}) reads as in Odoo: sale_stock's default "As soon as
 * possible" ({@code direct}) for an order created without one and for the recorded S00025 (17.0 read it as
 * {@code direct}, 19.0 never read it), and what a user chose once changed ({@code one}, "When all products are ready").
 */
class ASalesOrderShipsAsSoonAsPossibleUnlessToldOtherwiseTest {

    @Test
    void createdAndRecordedOrdersShipAsSoonAsPossibleUntilAUserChoosesOtherwise() {
        for (OdooApi api : OdooApi.values()) {
            try (OdooStub odoo = OdooStub.start(api)) {
                ObjectNode vals = JsonNodeFactory.instance.objectNode();
                vals.set("vals_list", Transcripts.JSON.valueToTree(Map.of("partner_id", odoo.fixture().partnerId())));
                long created = odoo.odooUserDoes("sale.order", "create", null, vals, null).asLong();
                long recorded = odoo.fixture().orderId();

                assertEquals(List.of("direct", "direct"), List.of(policy(odoo, created), policy(odoo, recorded)),
                        api.name());

                ObjectNode allAtOnce = JsonNodeFactory.instance.objectNode();
                allAtOnce.putObject("vals").put("picking_policy", "one");
                odoo.odooUserDoes("sale.order", "write", List.of(created), allAtOnce, null);
                assertEquals("one", policy(odoo, created), api.name());
            }
        }
    }

    /** {@code picking_policy} as a client reads it over the API (read with a field list). */
    private static String policy(OdooStub odoo, long orderId) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.putArray("fields").add("picking_policy");
        return odoo.odooUserDoes("sale.order", "read", List.of(orderId), args, null).get(0).path("picking_policy")
                .asText();
    }
}
