package io.waybill.odoo.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;

/**
 * The stub's starting data, taken from the recordings: each record is a recorded {@code read}/{@code search_read}
 * answer, or the values of a recorded {@code create} under the id the server answered. Where a recording is
 * silent and a test needs a value, the value is set explicitly below, with the reason.
 */
public final class StubSeed {

    /** The records of the recorded sales-order journey, as the tests refer to them. */
    public record Fixture(long orderId, String orderName, String clientOrderRef, long partnerId, long productId,
                          String sku, long orderLineId, BigDecimal orderedQuantity, long pickingId, long moveId,
                          long stockLocationId, long quantId, long carrierId, String carrierName) {
    }

    private static final Fixture ODOO_17 = new Fixture(25, "S00025", "JAVA-PO-0001", 43, 44, "JAVA-WIDGET-001",
            51, new BigDecimal("5.0"), 28, 54, 8, 41, 1, "Standard delivery");
    private static final Fixture ODOO_19 = new Fixture(25, "S00025", "J2-PO-0001", 45, 58, "J2-WIDGET",
            51, new BigDecimal("3.0"), 20, 44, 5, 39, 1, "Standard delivery");

    private StubSeed() {
    }

    static Fixture fixture(OdooApi flavour) {
        return flavour == OdooApi.JSON_RPC ? ODOO_17 : ODOO_19;
    }

    static void seed(StubDatabase db, OdooApi flavour, boolean recordedRecords) {
        // Field definitions: recorded only from 17.0 (fields_get 083-095). The connector reads only fields that
        // 17 and 19 share, so the 17 definitions serve the 19 stub as well.
        Transcripts v17 = Transcripts.odoo17();
        String[][] schemas = {
                {"sale.order", "083_fields_get_sale_order"}, {"sale.order.line", "084_fields_get_sale_order_line"},
                {"stock.picking", "085_fields_get_stock_picking"}, {"stock.move", "086_fields_get_stock_move"},
                {"stock.move.line", "087_fields_get_stock_move_line"}, {"stock.quant", "088_fields_get_stock_quant"},
                {"account.move", "089_fields_get_account_move"}, {"account.move.line", "090_fields_get_account_move_line"},
                {"res.partner", "091_fields_get_res_partner"}, {"product.product", "092_fields_get_product_product"},
                {"delivery.carrier", "093_fields_get_delivery_carrier"}, {"base.automation", "094_fields_get_base_automation"},
                {"ir.actions.server", "095_fields_get_ir_actions_server"}};
        for (String[] schema : schemas) {
            db.schema(schema[0], v17.result(schema[1]));
        }
        returnWizardSchemas(db, flavour);
        // Reference data the connector looks up the same way on both versions.
        each(db, "res.country", v17.result("007_res_country_search_read"));
        europeanCountries(db);
        if (flavour == OdooApi.JSON_RPC) {
            reference17(db, v17);
            if (recordedRecords) {
                seed17(db, v17);
            }
        } else {
            Transcripts v19 = Transcripts.odoo19();
            reference19(db, v19);
            if (recordedRecords) {
                seed19(db, v19);
            }
        }
    }

    /**
     * The countries Waybill's warehouses ship to in the system tests. Only the United States was read in the
     * recordings (007); these ids are the ones Odoo's base module gives them ({@code base/data/res_country_data.xml}
     * loads the countries in the same order on every database), the names and codes are ISO 3166.
     */
    private static void europeanCountries(StubDatabase db) {
        String[][] countries = {{"20", "Belgium", "BE"}, {"57", "Germany", "DE"}, {"133", "Luxembourg", "LU"},
                {"165", "Netherlands", "NL"}};
        for (String[] country : countries) {
            db.seed("res.country", Transcripts.JSON.createObjectNode().put("id", Long.parseLong(country[0]))
                    .put("name", country[1]).put("code", country[2]));
        }
    }

    private static void reference17(StubDatabase db, Transcripts t) {
        found(db, "ir.model", t, "018_ir_model_search_sale_order");
        found(db, "ir.model.fields", t, "019_ir_model_fields_search_sale_order");
        found(db, "ir.model.fields.selection", t, "020_ir_model_fields_selection_search");
        each(db, "delivery.carrier", t.result("027_delivery_carrier_search_read"));
    }

    private static void seed17(StubDatabase db, Transcripts t) {
        each(db, "res.partner", t.result("010_res_partner_read"));
        each(db, "product.product", t.result("017_product_product_read"));
        each(db, "stock.quant", t.result("016_stock_quant_search_read"));
        // S00025 as read while draft (029: addresses, carrier, lines) and after confirmation (032: state, dates).
        each(db, "sale.order", t.result("029_sale_order_read_draft"));
        each(db, "sale.order", t.result("032_sale_order_read_confirmed"));
        // The webhook for S00025 (webhook_received.jsonl) carried currency_id 1; 004 reads currency 1 as USD.
        ObjectNode currency = (ObjectNode) Transcripts.JSON.createObjectNode();
        currency.put("id", 25).set("currency_id", Transcripts.JSON.createArrayNode().add(1).add("USD"));
        db.seed("sale.order", currency);
        each(db, "sale.order.line", t.result("030_sale_order_line_read"));
        each(db, "stock.picking", t.result("033_stock_picking_search_read"));
        each(db, "stock.move", t.result("034_stock_move_search_read"));
        each(db, "account.move", t.result("059_account_move_read_posted_direct"));
    }

    private static void reference19(StubDatabase db, Transcripts t) {
        found(db, "ir.model", t, "013_ir_model_search_sale_order");
        found(db, "ir.model.fields", t, "014_ir_model_fields_search_sale_order");
        found(db, "ir.model.fields.selection", t, "015_ir_model_fields_selection_sale_state");
        each(db, "delivery.carrier", t.result("012_delivery_carrier_search_read"));
    }

    private static void seed19(StubDatabase db, Transcripts t) {
        // Partner 45 was created by 005; its values are the recorded create values.
        ObjectNode partner = created(t, "005_res_partner_create", 45);
        // The 19.0 recording created this customer without a country; other partners of that database read
        // country_id [233, "United States"] (004). A shippable address needs a country, so the fixture gives one.
        partner.set("country_id", Transcripts.JSON.createArrayNode().add(233).add("United States"));
        partner.put("is_company", true).put("ref", false);
        db.seed("res.partner", partner);
        ObjectNode product = created(t, "007_product_product_create", 58);
        db.seed("product.product", product);
        each(db, "product.product", t.result("011_product_product_read_qty"));
        ObjectNode quant = created(t, "009_stock_quant_create_inventory", 39);
        quant.set("product_id", Transcripts.JSON.createArrayNode().add(58).add("[J2-WIDGET] JSON2 Widget"));
        quant.set("location_id", Transcripts.JSON.createArrayNode().add(5).add("WH/Stock"));
        quant.put("quantity", 100.0).put("inventory_quantity_set", false); // applied by 010
        db.seed("stock.quant", quant);
        // S00025: created by 019, read by 020 (draft) and 022 (confirmed).
        ObjectNode order = created(t, "019_sale_order_create", 25);
        order.remove("order_line");
        order.set("partner_id", Transcripts.JSON.createArrayNode().add(45).add("JSON2 Lab Customer"));
        order.set("partner_shipping_id", order.get("partner_id"));
        order.set("carrier_id", Transcripts.JSON.createArrayNode().add(1).add("Standard delivery"));
        order.put("commitment_date", false);
        // The 19.0 recording never read the Shipping Policy; 019 did not set it, so Odoo gave sale_stock's default.
        order.put("picking_policy", "direct");
        db.seed("sale.order", order);
        each(db, "sale.order", t.result("020_sale_order_read_draft"));
        each(db, "sale.order", t.result("022_sale_order_read_confirmed"));
        // Line 51 (020 order_line) holds the values of 019's [0, 0, vals] command.
        ObjectNode line = (ObjectNode) t.request("019_sale_order_create").at("/vals_list/0/order_line/0/2").deepCopy();
        line.put("id", 51);
        line.set("order_id", Transcripts.JSON.createArrayNode().add(25).add("S00025"));
        line.set("product_id", Transcripts.JSON.createArrayNode().add(58).add("[J2-WIDGET] JSON2 Widget"));
        line.put("name", "[J2-WIDGET] JSON2 Widget").put("display_type", false).put("is_delivery", false);
        db.seed("sale.order.line", line);
        // Picking 20 was found by search_read [sale_id = 25] (023), so it belongs to S00025.
        each(db, "stock.picking", t.result("023_stock_picking_search_read"));
        ObjectNode picking = (ObjectNode) Transcripts.JSON.createObjectNode().put("id", 20);
        picking.set("sale_id", Transcripts.JSON.createArrayNode().add(25).add("S00025"));
        db.seed("stock.picking", picking);
        each(db, "stock.move", t.result("025_stock_move_read"));
        ObjectNode move = (ObjectNode) Transcripts.JSON.createObjectNode().put("id", 44);
        move.set("picking_id", Transcripts.JSON.createArrayNode().add(20).add("WH/OUT/00015"));
        // Move 44 is the delivery of S00025's only line (51: same product, same quantity): what confirming the
        // order procured for that line, so confirming it again procures nothing more.
        move.set("sale_line_id", Transcripts.JSON.createArrayNode().add(51).add("S00025 - [J2-WIDGET] JSON2 Widget"));
        db.seed("stock.move", move);
        ObjectNode invoice = created(t, "031_account_move_create_invoice", 57);
        invoice.remove("invoice_line_ids");
        db.seed("account.move", invoice);
        each(db, "account.move", t.result("033_account_move_read_posted"));
    }

    /**
     * The return wizard ({@code stock.return.picking} and its lines): neither recording holds a fields_get of it,
     * so its fields are the ones Odoo's source declares, {@code stock/wizard/stock_picking_return.py} of 17.0 and of
     * 18.0 (which 19.0 keeps: the location fields left the wizard, the line gained {@code move_quantity}).
     */
    private static void returnWizardSchemas(StubDatabase db, OdooApi flavour) {
        boolean v17 = flavour == OdooApi.JSON_RPC;
        ObjectNode wizard = Transcripts.JSON.createObjectNode();
        wizard.set("picking_id", field("many2one", "stock.picking", "Picking"));
        wizard.set("product_return_moves", field("one2many", "stock.return.picking.line", "Moves"));
        wizard.set("company_id", field("many2one", "res.company", "Company"));
        if (v17) {
            wizard.set("move_dest_exists", field("boolean", null, "Chained Move Exists"));
            wizard.set("original_location_id", field("many2one", "stock.location", "Original Location"));
            wizard.set("parent_location_id", field("many2one", "stock.location", "Parent Location"));
            wizard.set("location_id", field("many2one", "stock.location", "Return Location"));
        }
        db.schema("stock.return.picking", wizard);
        ObjectNode line = Transcripts.JSON.createObjectNode();
        line.set("product_id", field("many2one", "product.product", "Product"));
        line.set("quantity", field("float", null, "Quantity"));
        line.set("uom_id", field("many2one", "uom.uom", "Unit of Measure"));
        line.set("wizard_id", field("many2one", "stock.return.picking", "Wizard"));
        line.set("move_id", field("many2one", "stock.move", "Move"));
        if (!v17) {
            line.set("move_quantity", field("float", null, "Move Quantity"));
        }
        db.schema("stock.return.picking.line", line);
    }

    private static ObjectNode field(String type, String relation, String label) {
        ObjectNode definition = Transcripts.JSON.createObjectNode().put("type", type).put("string", label)
                .put("readonly", false).put("required", false).put("store", true);
        if (relation != null) {
            definition.put("relation", relation);
        }
        return definition;
    }

    private static ObjectNode created(Transcripts t, String label, long id) {
        JsonNode vals = t.request(label).path("vals_list");
        ObjectNode record = (ObjectNode) (vals.isArray() ? vals.get(0) : vals).deepCopy();
        record.put("id", id);
        return record;
    }

    /**
     * Seeds the answer of a recorded search: the records did not return the fields they were searched by (e.g.
     * {@code field_id} of a selection), but the recorded domain says what those fields hold, so they are set from
     * its {@code =} leaves.
     */
    private static void found(StubDatabase db, String model, Transcripts t, String label) {
        JsonNode request = t.request(label);
        JsonNode domain = request.has("params") ? request.at("/params/args/5/0") : request.path("domain");
        for (JsonNode record : t.result(label)) {
            ObjectNode row = (ObjectNode) record.deepCopy();
            for (JsonNode leaf : domain) {
                if (leaf.isArray() && "=".equals(leaf.path(1).asText()) && !row.has(leaf.get(0).asText())) {
                    row.set(leaf.get(0).asText(), leaf.get(2));
                }
            }
            db.seed(model, row);
        }
    }

    private static void each(StubDatabase db, String model, JsonNode records) {
        records.forEach(record -> db.seed(model, record));
    }
}
