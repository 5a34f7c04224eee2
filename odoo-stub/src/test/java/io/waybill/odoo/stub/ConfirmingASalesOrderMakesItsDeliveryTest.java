package io.waybill.odoo.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * sale_stock's part of {@code action_confirm}: the order's goods go out on a delivery shaped as the recorded one
 * (17.0: 033/034), addressed to the order's delivery address, reserved from the stock Odoo holds; an order whose
 * lines are already covered gets no second delivery.
 */
class ConfirmingASalesOrderMakesItsDeliveryTest {

    @Test
    void aConfirmedOrderShipsItsGoodsOnOneDeliveryToItsDeliveryAddress() {
        try (OdooStub odoo = OdooStub.on(OdooApi.JSON_RPC).withoutRecordedRecords().start()) {
            assertEquals(List.of(), odoo.records("sale.order", o -> true), "no recorded records");
            long customer = create(odoo, "res.partner", Map.of("name", "Acme Industrial Supplies GmbH", "is_company", true,
                    "ref", "CUST-ACME", "street", "Industriestrasse 7", "city", "Berlin", "zip", "10115", "country_id", 57));
            long dock = create(odoo, "res.partner", Map.of("name", "Receiving dock", "parent_id", customer, "type", "delivery",
                    "street", "Waalhaven Oostzijde 1", "city", "Rotterdam", "zip", "3087 BM", "country_id", 165));
            long film = create(odoo, "product.product", Map.of("name", "Stretch film, case of 6 rolls",
                    "default_code", "SKU-STRETCH-FILM", "detailed_type", "product", "weight", 14.4, "list_price", 89.0));
            long service = create(odoo, "product.product", Map.of("name", "Installation", "default_code", "SRV-INSTALL",
                    "detailed_type", "service"));
            long quant = create(odoo, "stock.quant", Map.of("product_id", film, "location_id", 8, "inventory_quantity", 2));
            odoo.odooUserDoes("stock.quant", "action_apply_inventory", List.of(quant), JsonNodeFactory.instance.objectNode(), null);
            long order = create(odoo, "sale.order", Map.of("partner_id", customer, "client_order_ref", "PO-1",
                    "order_line", List.of(List.of(0, 0, Map.of("product_id", film, "product_uom_qty", 3, "price_unit", 89.0)),
                            List.of(0, 0, Map.of("product_id", service, "product_uom_qty", 1, "price_unit", 50.0)))));
            assertEquals(dock, odoo.record("sale.order", order).at("/partner_shipping_id/0").asLong(),
                    "the customer's delivery contact is the order's delivery address");

            JsonNode confirmed = new JsonRpcCaller(odoo.baseUrl()).call("object", "execute_kw", OdooStub.DATABASE,
                    OdooStub.UID, OdooStub.API_KEY, "sale.order", "action_confirm", List.of(List.of(order)), Map.of());
            assertEquals(true, confirmed.path("result").asBoolean(), confirmed.toString());

            List<ObjectNode> deliveries = odoo.records("stock.picking", p -> p.at("/sale_id/0").asLong() == order);
            assertEquals(1, deliveries.size());
            ObjectNode delivery = deliveries.get(0);
            assertEquals("WH/OUT/00001", delivery.path("name").asText());
            assertEquals("outgoing", delivery.path("picking_type_code").asText());
            assertEquals(dock, delivery.at("/partner_id/0").asLong());
            assertEquals("assigned", delivery.path("state").asText(), "two of three reserved: ready (move_type direct)");
            assertEquals("Not Available", delivery.path("products_availability").asText());
            assertEquals(List.of(delivery.get("id").asLong()), ids(odoo.record("sale.order", order).get("picking_ids")));
            assertEquals("sale", odoo.record("sale.order", order).path("state").asText());

            assertEquals(1, delivery.get("move_ids").size(), "the service is not delivered");
            ObjectNode move = odoo.record("stock.move", delivery.get("move_ids").get(0).asLong());
            assertEquals(film, move.at("/product_id/0").asLong());
            assertEquals(0, move.path("product_uom_qty").decimalValue().compareTo(java.math.BigDecimal.valueOf(3)));
            assertEquals(0, move.path("quantity").decimalValue().compareTo(java.math.BigDecimal.valueOf(2)), "reserved");
            assertEquals("partially_available", move.path("state").asText());
            assertEquals("[SKU-STRETCH-FILM] Stretch film, case of 6 rolls", move.path("name").asText());
        }
    }

    @Test
    void confirmingAnOrderWhoseLinesAreDeliveredAlreadyMakesNoSecondDelivery() {
        for (OdooApi api : OdooApi.values()) {
            try (OdooStub odoo = OdooStub.start(api)) {
                StubSeed.Fixture fixture = odoo.fixture();
                int before = odoo.records("stock.picking", p -> true).size();
                ObjectNode backToQuotation = JsonNodeFactory.instance.objectNode();
                backToQuotation.putObject("vals").put("state", "draft");
                odoo.odooUserDoes("sale.order", "write", List.of(fixture.orderId()), backToQuotation, null);

                odoo.odooUserDoes("sale.order", "action_confirm", List.of(fixture.orderId()),
                        JsonNodeFactory.instance.objectNode(), null);

                assertEquals(before, odoo.records("stock.picking", p -> true).size(), api.name());
                assertEquals("sale", odoo.record("sale.order", fixture.orderId()).path("state").asText());
            }
        }
    }

    @Test
    void theNextRecordedDeliveryNumberFollowsTheRecordedOne() {
        try (OdooStub odoo = OdooStub.start(OdooApi.JSON_RPC)) {
            StubSeed.Fixture fixture = odoo.fixture();
            // Recorded: S00026 (060/061), one unit of the same product, was delivered as WH/OUT/00016 (067).
            long order = create(odoo, "sale.order", Map.of("partner_id", fixture.partnerId(),
                    "order_line", List.of(List.of(0, 0, Map.of("product_id", fixture.productId(), "product_uom_qty", 1)))));
            odoo.odooUserDoes("sale.order", "action_confirm", List.of(order), JsonNodeFactory.instance.objectNode(), null);

            List<ObjectNode> deliveries = odoo.records("stock.picking", p -> p.at("/sale_id/0").asLong() == order);
            assertEquals(1, deliveries.size());
            assertEquals("WH/OUT/00016", deliveries.get(0).path("name").asText());
            assertEquals("assigned", deliveries.get(0).path("state").asText(), "100 on hand, 5 reserved by S00025");
            assertFalse(deliveries.get(0).path("carrier_tracking_ref").asBoolean());
        }
    }

    private static long create(OdooStub odoo, String model, Map<String, Object> vals) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.set("vals_list", Transcripts.JSON.valueToTree(vals));
        return odoo.odooUserDoes(model, "create", null, args, null).asLong();
    }

    private static List<Long> ids(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asLong).toList();
    }
}
