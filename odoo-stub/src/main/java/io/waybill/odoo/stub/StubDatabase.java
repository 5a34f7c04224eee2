package io.waybill.odoo.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * An in-memory Odoo database with just the behaviour the connector relies on, each piece taken from a recording:
 * field types from the recorded {@code fields_get} answers, records seeded from recorded reads and creates,
 * wizards answered with the recorded wizard actions, and Odoo's quirks (empty {@code read} for a missing id,
 * {@code MissingError} on write, nothing returned by {@code action_apply_inventory}).
 * All methods are {@code synchronized}: the stub serves concurrent requests like one serialized Odoo worker.
 */
final class StubDatabase {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** x2many fields whose [0, 0, vals] commands create children pointing back through this field. */
    private static final Map<String, String> INVERSE = Map.of(
            "sale.order.order_line", "order_id",
            "account.move.invoice_line_ids", "move_id",
            "stock.picking.move_ids", "picking_id",
            "base.automation.action_server_ids", "base_automation_id",
            "stock.return.picking.product_return_moves", "wizard_id");

    private final Transcripts transcripts;
    private final Clock clock;
    private final Map<String, ObjectNode> schemas = new HashMap<>();
    private final Map<String, TreeMap<Long, ObjectNode>> tables = new HashMap<>();

    StubDatabase(Transcripts transcripts, Clock clock) {
        this.transcripts = transcripts;
        this.clock = clock;
    }

    /** Field definitions of a model from a recorded {@code fields_get}; models without one accept any field. */
    void schema(String model, JsonNode fieldsGet) {
        schemas.put(model, (ObjectNode) fieldsGet);
    }

    synchronized void seed(String model, JsonNode record) {
        ObjectNode row = tables.computeIfAbsent(model, m -> new TreeMap<>())
                .computeIfAbsent(record.get("id").asLong(), id -> NODES.objectNode());
        row.setAll((ObjectNode) record.deepCopy());
        activeByDefault(model, row);
        if (!row.has("write_date")) {
            row.put("write_date", now());
        }
    }

    synchronized ObjectNode row(String model, long id) {
        TreeMap<Long, ObjectNode> table = tables.get(model);
        ObjectNode row = table == null ? null : table.get(id);
        return row == null ? null : row.deepCopy();
    }

    synchronized List<ObjectNode> rows(String model, Predicate<ObjectNode> filter) {
        return tables.getOrDefault(model, new TreeMap<>()).values().stream()
                .filter(filter).map(ObjectNode::deepCopy).toList();
    }

    synchronized JsonNode invoke(String model, String method, List<Long> ids, ObjectNode args, ObjectNode context) {
        requireModel(model);
        if (method.startsWith("_")) {
            throw new StubFault(StubFault.Kind.ACCESS, "Private methods (such as '" + model + "." + method
                    + "') cannot be called remotely.");
        }
        return switch (method) {
            case "search_read" -> searchRead(model, args.path("domain"), args.get("fields"),
                    args.path("offset").asInt(0), args.path("limit").asInt(0), args.path("order").asText(null));
            case "search" -> ids(select(model, args.path("domain"), args.path("offset").asInt(0),
                    args.path("limit").asInt(0), args.path("order").asText(null)));
            case "search_count" -> NODES.numberNode(select(model, args.path("domain"), 0, 0, null).size());
            case "read" -> read(model, ids, args.get("fields"));
            case "create" -> model.equals(RETURN_WIZARD) ? createReturnWizards(args.get("vals_list"), context)
                    : create(model, args.get("vals_list"));
            case "write" -> write(model, ids, (ObjectNode) args.get("vals"));
            case "action_confirm" -> confirmOrder(ids);
            case "action_cancel" -> cancelOrder(ids, context);
            case "button_validate" -> validatePicking(ids, context);
            case "action_apply_inventory" -> applyInventory(ids);
            case "action_post" -> postMove(ids);
            case "create_returns", "action_create_returns" -> createReturns(model, method, ids, context);
            default -> throw new StubFault(StubFault.Kind.VALUE,
                    "The stub does not implement " + model + "." + method);
        };
    }

    private JsonNode searchRead(String model, JsonNode domain, JsonNode fields, int offset, int limit, String order) {
        ArrayNode out = NODES.arrayNode();
        for (ObjectNode row : select(model, domain, offset, limit, order)) {
            out.add(project(model, row, fields));
        }
        return out;
    }

    private JsonNode read(String model, List<Long> ids, JsonNode fields) {
        ArrayNode out = NODES.arrayNode();
        for (Long id : ids) {
            if (id == 0) {
                // Recorded on 17.0 (009): read([0]) dies in SQL. 19.0 (100) answers a phantom record instead.
                if ("17.0".equals(transcripts.version())) {
                    throw new StubFault(StubFault.Kind.SQL, "syntax error at or near \")\"");
                }
                ObjectNode phantom = NODES.objectNode().put("id", 0);
                if (fields != null) {
                    fields.forEach(f -> phantom.put(f.asText(), false));
                }
                out.add(phantom);
                continue;
            }
            ObjectNode row = tables.getOrDefault(model, new TreeMap<>()).get(id);
            if (row != null) { // a missing id is left out, not an error
                out.add(project(model, row, fields));
            }
        }
        return out;
    }

    private JsonNode create(String model, JsonNode valsList) {
        boolean single = valsList.isObject();
        ArrayNode created = NODES.arrayNode();
        for (JsonNode vals : single ? List.of(valsList) : iterable(valsList)) {
            created.add(insert(model, (ObjectNode) vals));
        }
        // create(vals) answers an id, create([vals]) a list of ids.
        return single ? created.get(0) : created;
    }

    long insert(String model, ObjectNode vals) {
        if (model.equals("sale.order") && !vals.hasNonNull("partner_id")) {
            throw new StubFault(StubFault.Kind.VALIDATION, "The operation cannot be completed: Missing required "
                    + "value for the field 'Customer' (partner_id).");
        }
        TreeMap<Long, ObjectNode> table = tables.computeIfAbsent(model, m -> new TreeMap<>());
        long id = table.isEmpty() ? 1 : table.lastKey() + 1;
        ObjectNode row = NODES.objectNode().put("id", id);
        table.put(id, row);
        defaults(model, row, id);
        assign(model, row, vals);
        computed(model, row);
        row.put("create_date", now());
        row.put("write_date", now());
        return id;
    }

    private JsonNode write(String model, List<Long> ids, ObjectNode vals) {
        TreeMap<Long, ObjectNode> table = tables.getOrDefault(model, new TreeMap<>());
        for (Long id : ids) {
            if (!table.containsKey(id)) {
                throw new StubFault(StubFault.Kind.MISSING, "Record does not exist or has been deleted.\n(Record: "
                        + model + "(" + id + ",), User: 2)");
            }
        }
        for (Long id : ids) {
            ObjectNode row = table.get(id);
            assign(model, row, vals);
            row.put("write_date", now());
        }
        return BooleanNode.TRUE;
    }

    /**
     * {@code sale.order.action_confirm}: state {@code sale} and {@code date_order} now (Odoo's
     * {@code _prepare_confirmation_values}), then sale_stock's procurement: the goods of each line not yet covered
     * by a delivery move go out on a new delivery (recorded: 031 confirmed S00025, 033/034 read the delivery it
     * made; 061 made the next one, WH/OUT/00016).
     */
    private JsonNode confirmOrder(List<Long> ids) {
        for (Long id : ids) {
            ObjectNode order = existing("sale.order", id);
            if (!List.of("draft", "sent").contains(order.path("state").asText())) {
                throw new StubFault(StubFault.Kind.USER, "The following orders are not in a state requiring "
                        + "confirmation: " + order.path("name").asText());
            }
        }
        for (Long id : ids) {
            ObjectNode order = existing("sale.order", id);
            order.put("state", "sale").put("date_order", now()).put("write_date", now());
            launchStockRules(order);
        }
        return BooleanNode.TRUE;
    }

    // ---- sale_stock: the delivery a confirmed order makes --------------------------------------------------------
    // The shapes are the recorded ones: 17.0's picking and move as read in 033/034, 19.0's as read in 023/025 (which
    // read fewer fields: what 19.0 was not read with is left out rather than guessed, locations among them).

    /**
     * One delivery for what the order's lines still need: per goods line (not a section, note or delivery fee, not a
     * service), its quantity less what non-cancelled moves of that line already carry. Each move is reserved from
     * the stock the stub holds (stock.quant at the warehouse's stock location) as Odoo's {@code action_assign}
     * would: all of it ({@code assigned}), part ({@code partially_available}) or none ({@code confirmed}).
     */
    private void launchStockRules(ObjectNode order) {
        List<ObjectNode> needs = new ArrayList<>();
        for (JsonNode lineId : order.path("order_line")) {
            ObjectNode line = tables.getOrDefault("sale.order.line", new TreeMap<>()).get(lineId.asLong());
            if (line == null || truthy(line.get("display_type")) || line.path("is_delivery").asBoolean(false)) {
                continue;
            }
            ObjectNode product = tables.getOrDefault("product.product", new TreeMap<>())
                    .get(comparableId(line.get("product_id")));
            if (product == null || "service".equals(productType(product))) {
                continue;
            }
            java.math.BigDecimal procured = java.math.BigDecimal.ZERO;
            for (ObjectNode move : tables.getOrDefault("stock.move", new TreeMap<>()).values()) {
                if (comparableId(move.get("sale_line_id")) == line.get("id").asLong()
                        && !"cancel".equals(move.path("state").asText())) {
                    procured = procured.add(move.path("product_uom_qty").decimalValue());
                }
            }
            java.math.BigDecimal missing = line.path("product_uom_qty").decimalValue().subtract(procured);
            if (missing.signum() > 0) {
                needs.add(NODES.objectNode().put("line", line.get("id").asLong()).put("quantity", missing));
            }
        }
        if (needs.isEmpty()) {
            return;
        }
        Delivery where = odoo17() ? Delivery.ODOO_17 : Delivery.ODOO_19;
        long orderId = order.get("id").asLong();
        String origin = order.path("name").asText();
        long pickingId = insert("stock.picking", NODES.objectNode());
        ObjectNode picking = tables.get("stock.picking").get(pickingId);
        String name = nextDeliveryName();
        JsonNode shipTo = order.hasNonNull("partner_shipping_id") && truthy(order.get("partner_shipping_id"))
                ? order.get("partner_shipping_id") : order.get("partner_id");
        picking.put("name", name).put("picking_type_code", "outgoing").put("origin", origin)
                .put("scheduled_date", now()).put("date_done", false)
                .put("carrier_tracking_ref", false).put("carrier_tracking_url", false).put("backorder_id", false);
        picking.set("partner_id", shipTo);
        picking.set("sale_id", NODES.arrayNode().add(orderId).add(origin));
        picking.set("carrier_id", order.has("carrier_id") ? order.get("carrier_id") : BooleanNode.FALSE);
        picking.set("move_line_ids", NODES.arrayNode());
        if (where.stock() != null) {
            picking.set("picking_type_id", where.pickingType());
            picking.set("location_id", where.stock());
            picking.set("location_dest_id", where.customers());
            picking.set("company_id", where.company());
            picking.put("date_deadline", now()).put("priority", "0").put("move_type", "direct");
        }
        ArrayNode moveIds = NODES.arrayNode();
        java.math.BigDecimal weight = java.math.BigDecimal.ZERO;
        boolean allReserved = true;
        boolean anyReserved = false;
        for (ObjectNode need : needs) {
            ObjectNode line = tables.get("sale.order.line").get(need.get("line").asLong());
            long productId = comparableId(line.get("product_id"));
            ObjectNode product = tables.get("product.product").get(productId);
            java.math.BigDecimal quantity = need.get("quantity").decimalValue();
            java.math.BigDecimal reserved = quantity.min(available(productId, where)).max(java.math.BigDecimal.ZERO);
            String state = reserved.compareTo(quantity) == 0 ? "assigned"
                    : reserved.signum() > 0 ? "partially_available" : "confirmed";
            allReserved &= reserved.compareTo(quantity) == 0;
            anyReserved |= reserved.signum() > 0;
            long moveId = insert("stock.move", NODES.objectNode());
            ObjectNode move = tables.get("stock.move").get(moveId);
            move.put("name", displayName("product.product", product)).put("reference", name)
                    .put("product_uom_qty", quantity).put("product_qty", quantity).put("quantity", reserved)
                    .put("state", state).put("picked", false).put("origin", origin);
            move.set("product_id", many2one("product.product", productId));
            move.set("picking_id", NODES.arrayNode().add(pickingId).add(name));
            move.set("sale_line_id", NODES.arrayNode().add(line.get("id").asLong())
                    .add(origin + " - " + displayName("product.product", product)));
            if (where.stock() != null) {
                move.set("product_uom", NODES.arrayNode().add(1).add("Units"));
                move.set("location_id", where.stock());
                move.set("location_dest_id", where.customers());
                move.set("move_line_ids", NODES.arrayNode());
                move.put("date", now()).put("procure_method", "make_to_stock");
            }
            moveIds.add(moveId);
            ArrayNode lineMoves = line.has("move_ids") && line.get("move_ids").isArray()
                    ? (ArrayNode) line.get("move_ids") : line.putArray("move_ids");
            lineMoves.add(moveId);
            if (product.path("weight").isNumber()) {
                weight = weight.add(product.path("weight").decimalValue().multiply(quantity));
            }
        }
        picking.set("move_ids", moveIds);
        // move_type "direct": ready as soon as anything is reserved.
        picking.put("state", anyReserved ? "assigned" : "confirmed");
        if (where.stock() != null) {
            picking.put("products_availability", allReserved ? "Available" : "Not Available")
                    .put("weight", weight).put("shipping_weight", weight);
        }
        ArrayNode orderPickings = order.has("picking_ids") && order.get("picking_ids").isArray()
                ? (ArrayNode) order.get("picking_ids") : order.putArray("picking_ids");
        orderPickings.add(pickingId);
        order.put("delivery_status", "pending");
    }

    /** Where a delivery goes from and to, and under which type, as recorded (17.0: 033; 19.0 did not read these). */
    private record Delivery(JsonNode pickingType, JsonNode stock, JsonNode customers, JsonNode company, long stockId) {
        static final Delivery ODOO_17 = new Delivery(pair(2, "YourCompany: Delivery Orders"), pair(8, "WH/Stock"),
                pair(5, "Partners/Customers"), pair(1, "My Company (San Francisco)"), 8);
        /** 19.0: WH/Stock is location 5 (009 counted stock there); the rest was never read. */
        static final Delivery ODOO_19 = new Delivery(null, null, null, null, 5);

        private static JsonNode pair(long id, String name) {
            return NODES.arrayNode().add(id).add(name);
        }
    }

    /** On hand at the stock location, less what open moves of other deliveries hold reserved. */
    private java.math.BigDecimal available(long productId, Delivery where) {
        java.math.BigDecimal onHand = java.math.BigDecimal.ZERO;
        for (ObjectNode quant : tables.getOrDefault("stock.quant", new TreeMap<>()).values()) {
            if (comparableId(quant.get("product_id")) == productId && comparableId(quant.get("location_id")) == where.stockId()) {
                onHand = onHand.add(quant.path("quantity").decimalValue());
            }
        }
        for (ObjectNode move : tables.getOrDefault("stock.move", new TreeMap<>()).values()) {
            if (comparableId(move.get("product_id")) == productId
                    && List.of("assigned", "partially_available").contains(move.path("state").asText())
                    && comparableId(move.get("sale_line_id")) > 0) {
                onHand = onHand.subtract(move.path("quantity").decimalValue());
            }
        }
        return onHand;
    }

    /** WH/OUT/ and the number after the highest one in use (the recorded database's sequence). */
    private String nextDeliveryName() {
        int highest = 0;
        for (ObjectNode picking : tables.getOrDefault("stock.picking", new TreeMap<>()).values()) {
            String name = picking.path("name").asText("");
            if (name.startsWith("WH/OUT/")) {
                try {
                    highest = Math.max(highest, Integer.parseInt(name.substring("WH/OUT/".length())));
                } catch (NumberFormatException ignored) {
                    // not one of the sequence's names
                }
            }
        }
        return String.format("WH/OUT/%05d", highest + 1);
    }

    /** 17.0's {@code detailed_type}/{@code type} (consu, service, product); 19.0's {@code type} (consu, service, combo). */
    private static String productType(ObjectNode product) {
        if (product.path("type").isTextual()) {
            return product.get("type").asText();
        }
        if (product.path("detailed_type").isTextual()) {
            return product.get("detailed_type").asText();
        }
        return "consu"; // Odoo's default product type
    }

    private static boolean truthy(JsonNode value) {
        return value != null && !value.isNull() && !(value.isBoolean() && !value.asBoolean())
                && !(value.isArray() && value.isEmpty());
    }

    private JsonNode cancelOrder(List<Long> ids, ObjectNode context) {
        for (Long id : ids) {
            ObjectNode order = existing("sale.order", id);
            if ("sale".equals(order.path("state").asText()) && !context.path("disable_cancel_warning").asBoolean()) {
                // Only recorded on 17.0 (062); 19.0's recording did not cancel a confirmed order.
                return Transcripts.odoo17().result("062_sale_order_action_cancel_2_returns_cancel_wizard");
            }
        }
        for (Long id : ids) {
            existing("sale.order", id).put("state", "cancel").put("write_date", now());
        }
        return BooleanNode.TRUE;
    }

    /**
     * {@code button_validate} as Odoo's stock module does it (17.0 and 19.0 alike): the SMS wizard without
     * {@code skip_sms}; nothing picked means all of it is ({@code _pre_action_done_hook}); a partial delivery (a move
     * not picked, or picked short) answers the backorder wizard without {@code skip_backorder} (113) and otherwise
     * keeps the rest open as a backorder (114, read back in 115): what was picked is done on this picking, a move
     * picked short is split and its rest, like every move not picked, moves to a new delivery whose
     * {@code backorder_id} is this one, reserved again from what the stock holds.
     */
    private JsonNode validatePicking(List<Long> ids, ObjectNode context) {
        if (!context.path("skip_sms").asBoolean()) {
            return wizard("17.0".equals(transcripts.version())
                    ? "038_stock_picking_button_validate_returns_sms_wizard"
                    : "026_stock_picking_button_validate_nocontext", ids);
        }
        for (Long id : ids) {
            ObjectNode picking = existing("stock.picking", id);
            if ("done".equals(picking.path("state").asText())) {
                throw new StubFault(StubFault.Kind.USER, "You cannot validate a transfer if no quantities are "
                        + "reserved nor done.");
            }
            List<ObjectNode> open = openMoves(picking);
            if (open.stream().noneMatch(move -> move.path("picked").asBoolean(false))) {
                open.forEach(move -> move.put("picked", true));
            }
            if (open.stream().noneMatch(move -> move.path("picked").asBoolean(false)
                    && move.path("quantity").decimalValue().signum() > 0)) {
                throw new StubFault(StubFault.Kind.USER, "You cannot validate a transfer if no quantities are "
                        + "reserved nor done. You can use the info button on the top right corner of your screen "
                        + "to learn more about the reasons.");
            }
            boolean partial = false;
            for (ObjectNode move : open) {
                partial |= !move.path("picked").asBoolean(false)
                        || move.path("quantity").decimalValue().compareTo(move.path("product_uom_qty").decimalValue()) < 0;
            }
            if (partial && !context.path("skip_backorder").asBoolean()) {
                // Only recorded on 17.0 (113); 19.0 was recorded with both skips only.
                return Transcripts.odoo17().result("113_stock_picking_button_validate_partial_wizard");
            }
        }
        for (Long id : ids) {
            ObjectNode picking = existing("stock.picking", id);
            List<ObjectNode> rest = new ArrayList<>();
            for (ObjectNode move : openMoves(picking)) {
                java.math.BigDecimal done = move.path("quantity").decimalValue();
                if (!move.path("picked").asBoolean(false) || done.signum() <= 0) {
                    rest.add(move); // stays to do: goes to the backorder as it is
                    continue;
                }
                java.math.BigDecimal short_ = move.path("product_uom_qty").decimalValue().subtract(done);
                if (short_.signum() > 0) {
                    // stock.move._split: the rest becomes a new move, this one keeps what was done.
                    long splitId = insert("stock.move", NODES.objectNode());
                    ObjectNode split = tables.get("stock.move").get(splitId);
                    ObjectNode copy = move.deepCopy();
                    for (String field : List.of("id", "move_line_ids", "create_date", "write_date")) {
                        copy.remove(field);
                    }
                    split.setAll(copy);
                    split.put("product_uom_qty", short_).put("product_qty", short_).put("quantity", 0.0)
                            .put("state", "confirmed");
                    if (move.has("move_line_ids")) {
                        split.set("move_line_ids", NODES.arrayNode());
                    }
                    move.put("product_uom_qty", done).put("product_qty", done);
                    linkToSaleLine(split);
                    rest.add(split);
                }
                move.put("state", "done").put("picked", true);
            }
            if (!rest.isEmpty()) {
                backorder(picking, rest);
            }
            picking.put("state", "done").put("date_done", now()).put("write_date", now());
            ObjectNode order = tables.getOrDefault("sale.order", new TreeMap<>()).get(comparableId(picking.get("sale_id")));
            if (order != null) {
                boolean anyOpen = false;
                for (JsonNode pickingId : order.path("picking_ids")) {
                    ObjectNode other = tables.get("stock.picking").get(pickingId.asLong());
                    anyOpen |= other != null && !List.of("done", "cancel").contains(other.path("state").asText());
                }
                order.put("delivery_status", anyOpen ? "partial" : "full");
            }
        }
        return BooleanNode.TRUE;
    }

    private List<ObjectNode> openMoves(ObjectNode picking) {
        List<ObjectNode> open = new ArrayList<>();
        for (JsonNode moveId : picking.path("move_ids")) {
            ObjectNode move = existing("stock.move", moveId.asLong());
            if (!List.of("done", "cancel").contains(move.path("state").asText())) {
                open.add(move);
            }
        }
        return open;
    }

    private void linkToSaleLine(ObjectNode move) {
        ObjectNode line = tables.getOrDefault("sale.order.line", new TreeMap<>()).get(comparableId(move.get("sale_line_id")));
        if (line != null) {
            ArrayNode lineMoves = line.has("move_ids") && line.get("move_ids").isArray()
                    ? (ArrayNode) line.get("move_ids") : line.putArray("move_ids");
            lineMoves.add(move.get("id").asLong());
        }
    }

    /**
     * stock.picking._create_backorder: a copy of the delivery (a new name, no tracking reference: Odoo does not copy
     * it) holding the moves still to do, unpicked, then reserved again (a delivery type reserves at confirmation).
     * Recorded on 17.0 (114, 115: WH/OUT/00018, {@code backorder_id} the validated one, {@code assigned}).
     */
    private void backorder(ObjectNode picking, List<ObjectNode> moves) {
        long originalId = picking.get("id").asLong();
        ObjectNode copy = picking.deepCopy();
        for (String field : List.of("id", "name", "state", "date_done", "move_ids", "move_line_ids", "carrier_tracking_ref",
                "carrier_tracking_url", "backorder_id", "backorder_ids", "return_ids", "return_count", "create_date",
                "write_date")) {
            copy.remove(field);
        }
        String name = nextDeliveryName();
        long backorderId = insert("stock.picking", NODES.objectNode());
        ObjectNode backorder = tables.get("stock.picking").get(backorderId);
        backorder.setAll(copy);
        backorder.put("name", name).put("date_done", false).put("carrier_tracking_ref", false)
                .put("carrier_tracking_url", false);
        backorder.set("backorder_id", NODES.arrayNode().add(originalId).add(picking.path("name").asText()));
        backorder.set("move_line_ids", NODES.arrayNode());
        Delivery where = odoo17() ? Delivery.ODOO_17 : Delivery.ODOO_19;
        ArrayNode moveIds = NODES.arrayNode();
        ArrayNode remaining = NODES.arrayNode();
        for (JsonNode moveId : picking.path("move_ids")) {
            if (moves.stream().noneMatch(m -> m.get("id").asLong() == moveId.asLong())) {
                remaining.add(moveId);
            }
        }
        boolean anyReserved = false;
        for (ObjectNode move : moves) {
            move.put("picked", false).put("reference", name);
            move.set("picking_id", NODES.arrayNode().add(backorderId).add(name));
            java.math.BigDecimal wanted = move.path("product_uom_qty").decimalValue();
            java.math.BigDecimal held = move.path("quantity").decimalValue();
            if (held.compareTo(wanted) < 0) {
                java.math.BigDecimal more = wanted.subtract(held)
                        .min(available(comparableId(move.get("product_id")), where)).max(java.math.BigDecimal.ZERO);
                held = held.add(more);
                move.put("quantity", held);
            }
            move.put("state", held.compareTo(wanted) == 0 ? "assigned" : held.signum() > 0 ? "partially_available" : "confirmed");
            anyReserved |= held.signum() > 0;
            moveIds.add(move.get("id").asLong());
        }
        backorder.set("move_ids", moveIds);
        backorder.put("state", anyReserved ? "assigned" : "confirmed");
        picking.set("move_ids", remaining);
        ArrayNode backorders = picking.has("backorder_ids") && picking.get("backorder_ids").isArray()
                ? (ArrayNode) picking.get("backorder_ids") : picking.putArray("backorder_ids");
        backorders.add(backorderId);
        ObjectNode order = tables.getOrDefault("sale.order", new TreeMap<>()).get(comparableId(picking.get("sale_id")));
        if (order != null) {
            ArrayNode orderPickings = order.has("picking_ids") && order.get("picking_ids").isArray()
                    ? (ArrayNode) order.get("picking_ids") : order.putArray("picking_ids");
            ArrayNode withBackorder = NODES.arrayNode().add(backorderId); // read back newest first (116)
            orderPickings.forEach(withBackorder::add);
            order.set("picking_ids", withBackorder);
        }
    }

    private JsonNode applyInventory(List<Long> ids) {
        for (Long id : ids) {
            ObjectNode quant = existing("stock.quant", id);
            quant.set("quantity", quant.path("inventory_quantity"));
            quant.put("inventory_quantity_set", false).put("write_date", now());
        }
        return NullNode.getInstance(); // Python None: JSON-RPC drops "result", JSON-2 answers null
    }

    private JsonNode postMove(List<Long> ids) {
        for (Long id : ids) {
            ObjectNode move = existing("account.move", id);
            move.put("state", "posted").put("payment_state", "not_paid")
                    .put("name", String.format("INV/2026/%05d", id)).put("write_date", now());
        }
        return BooleanNode.FALSE; // recorded: action_post answers false on success
    }

    // ---- the return wizard (stock.return.picking) ---------------------------------------------------------------
    // Not in the recordings of either server: modelled on Odoo's source, stock/wizard/stock_picking_return.py of
    // 17.0 (create_returns) and of 18.0 (action_create_returns; 19.0 keeps 18's wizard), and sale_stock's
    // stock.picking._can_return of 18.x and later (a picking of a sales order may be returned even if not done).

    static final String RETURN_WIZARD = "stock.return.picking";
    static final String RETURN_LINE = "stock.return.picking.line";

    private boolean odoo17() {
        return "17.0".equals(transcripts.version());
    }

    private JsonNode createReturnWizards(JsonNode valsList, ObjectNode context) {
        boolean single = valsList.isObject();
        ArrayNode created = NODES.arrayNode();
        for (JsonNode vals : single ? List.of(valsList) : iterable(valsList)) {
            created.add(createReturnWizard((ObjectNode) vals, context));
        }
        return single ? created.get(0) : created;
    }

    /**
     * {@code default_get} takes the picking from the context ({@code active_id}, {@code active_model}); the lines
     * are computed from the picking's moves when the wizard is created, and that computation refuses a picking that
     * cannot be returned. Every check runs before anything is stored: one call, one transaction.
     */
    private long createReturnWizard(ObjectNode vals, ObjectNode context) {
        ObjectNode own = vals.deepCopy();
        JsonNode givenLines = own.remove("product_return_moves");
        if (!own.has("picking_id") && "stock.picking".equals(context.path("active_model").asText())
                && context.path("active_id").canConvertToLong()) {
            if (context.path("active_ids").size() > 1) {
                throw new StubFault(StubFault.Kind.USER, "You may only return one picking at a time.");
            }
            long active = context.path("active_id").asLong();
            if (tables.getOrDefault("stock.picking", new TreeMap<>()).containsKey(active)) {
                own.put("picking_id", active);
            }
        }
        List<ObjectNode> lines = new ArrayList<>();
        long pickingId = own.path("picking_id").asLong(0);
        if (pickingId > 0) {
            ObjectNode picking = existing("stock.picking", pickingId);
            boolean done = "done".equals(picking.path("state").asText());
            // 17.0: "if wizard.picking_id and wizard.picking_id.state != 'done'"; 18.x+: picking._can_return(),
            // which sale_stock widens to "or self.sale_id".
            boolean returnable = done || (!odoo17() && comparableId(picking.get("sale_id")) > 0);
            if (!returnable) {
                throw new StubFault(StubFault.Kind.USER, "You may only return Done pickings.");
            }
            for (JsonNode moveId : picking.path("move_ids")) {
                ObjectNode move = existing("stock.move", moveId.asLong());
                if ("cancel".equals(move.path("state").asText())) {
                    continue;
                }
                ObjectNode line = NODES.objectNode().put("product_id", comparableId(move.get("product_id")))
                        .put("move_id", move.get("id").asLong());
                if (odoo17()) {
                    line.put("quantity", returnable17(move)); // 17 pre-fills what is still returnable
                } else {
                    line.put("quantity", 0.0).set("move_quantity", move.path("quantity")); // 18+ starts at 0
                }
                lines.add(line);
            }
            if (lines.isEmpty()) {
                throw new StubFault(StubFault.Kind.USER,
                        "No products to return (only lines in Done state and not fully returned yet can be returned).");
            }
        }
        long wizardId = insert(RETURN_WIZARD, own);
        ObjectNode wizard = tables.get(RETURN_WIZARD).get(wizardId);
        ArrayNode lineIds = NODES.arrayNode();
        for (ObjectNode line : lines) {
            line.put("wizard_id", wizardId);
            lineIds.add(insert(RETURN_LINE, line));
        }
        wizard.set("product_return_moves", lineIds);
        if (givenLines != null) { // as the web client sends them: commands on the computed lines
            wizard.set("product_return_moves", x2many(RETURN_WIZARD, "product_return_moves", wizard,
                    schemas.get(RETURN_WIZARD).get("product_return_moves"), givenLines));
        }
        return wizardId;
    }

    /** 17.0's _prepare_stock_return_picking_line_vals_from_move: the delivered quantity less earlier returns. */
    private double returnable17(ObjectNode move) {
        java.math.BigDecimal quantity = move.path("quantity").decimalValue();
        for (ObjectNode back : tables.getOrDefault("stock.move", new TreeMap<>()).values()) {
            if (comparableId(back.get("origin_returned_move_id")) != move.get("id").asLong()) {
                continue;
            }
            String state = back.path("state").asText();
            if (List.of("partially_available", "assigned").contains(state)) {
                quantity = quantity.subtract(back.path("quantity").decimalValue());
            } else if ("done".equals(state)) {
                quantity = quantity.subtract(back.path("product_uom_qty").decimalValue());
            }
        }
        return quantity.doubleValue();
    }

    /**
     * 17.0 {@code create_returns} (loops over the wizards) or 18.0+ {@code action_create_returns} (one wizard): a
     * copy of the picking as the incoming return ({@code return_id}, "Return of ...", locations swapped), one move
     * per line with a quantity, confirmed and reserved (from the customer location: all of it), and a window
     * action onto the new picking, with no {@code target}.
     */
    private JsonNode createReturns(String model, String method, List<Long> ids, ObjectNode context) {
        if (!model.equals(RETURN_WIZARD) || odoo17() != method.equals("create_returns")) {
            throw new StubFault(StubFault.Kind.UNKNOWN_METHOD, "The method '" + model + "." + method + "' does not exist");
        }
        if (!odoo17() && ids.size() != 1) {
            throw new StubFault(StubFault.Kind.VALUE, "Expected singleton: " + model + ids);
        }
        // Checks first, so that a refused call leaves nothing behind.
        List<ObjectNode> wizards = new ArrayList<>();
        for (Long id : ids) {
            ObjectNode wizard = existing(RETURN_WIZARD, id);
            existing("stock.picking", comparableId(wizard.get("picking_id")));
            boolean any = false;
            for (JsonNode lineId : wizard.path("product_return_moves")) {
                ObjectNode line = existing(RETURN_LINE, lineId.asLong());
                if (odoo17() && comparableId(line.get("move_id")) <= 0) {
                    throw new StubFault(StubFault.Kind.USER,
                            "You have manually created product lines, please delete them to proceed.");
                }
                any |= line.path("quantity").decimalValue().signum() != 0;
            }
            if (!any) {
                throw new StubFault(StubFault.Kind.USER, "Please specify at least one non-zero quantity.");
            }
            wizards.add(wizard);
        }
        long newPickingId = 0;
        for (ObjectNode wizard : wizards) {
            newPickingId = returnPicking(wizard);
        }
        ObjectNode action = NODES.objectNode().put("name", "Returned Picking")
                .put("view_mode", odoo17() ? "form,tree,calendar" : "form")
                .put("res_model", "stock.picking").put("res_id", newPickingId).put("type", "ir.actions.act_window");
        ObjectNode actionContext = context.deepCopy();
        if (odoo17()) {
            ObjectNode picking = existing("stock.picking", newPickingId);
            actionContext.put("default_partner_id", comparableId(picking.get("partner_id")))
                    .put("search_default_picking_type_id", comparableId(picking.get("picking_type_id")))
                    .put("search_default_draft", false).put("search_default_assigned", false)
                    .put("search_default_confirmed", false).put("search_default_ready", false)
                    .put("search_default_planning_issues", false).put("search_default_available", false);
        }
        action.set("context", actionContext);
        return action;
    }

    private long returnPicking(ObjectNode wizard) {
        ObjectNode delivery = existing("stock.picking", comparableId(wizard.get("picking_id")));
        long deliveryId = delivery.get("id").asLong();
        ObjectNode copy = delivery.deepCopy();
        for (String field : List.of("id", "name", "state", "date_done", "move_ids", "move_line_ids", "carrier_tracking_ref",
                "carrier_tracking_url", "backorder_id", "backorder_ids", "return_ids", "return_count", "create_date",
                "write_date", "products_availability")) {
            copy.remove(field);
        }
        long pickingId = insert("stock.picking", NODES.objectNode());
        ObjectNode picking = tables.get("stock.picking").get(pickingId);
        String name = String.format("WH/IN/%05d", pickingId);
        picking.setAll(copy);
        picking.put("name", name).put("state", "assigned").put("picking_type_code", "incoming")
                .put("origin", "Return of " + delivery.path("name").asText()).put("date_done", false);
        // The delivery type's return type is the warehouse's receipts (id 1 in a demo database).
        picking.set("picking_type_id", NODES.arrayNode().add(1).add("YourCompany: Receipts"));
        picking.set("return_id", many2one("stock.picking", deliveryId));
        picking.set("location_id", delivery.has("location_dest_id") ? delivery.get("location_dest_id") : BooleanNode.FALSE);
        picking.set("location_dest_id", delivery.has("location_id") ? delivery.get("location_id") : BooleanNode.FALSE);
        ArrayNode moveIds = NODES.arrayNode();
        for (JsonNode lineId : wizard.path("product_return_moves")) {
            ObjectNode line = existing(RETURN_LINE, lineId.asLong());
            java.math.BigDecimal quantity = line.path("quantity").decimalValue();
            if (quantity.signum() == 0) {
                continue;
            }
            long originalId = comparableId(line.get("move_id"));
            ObjectNode original = existing("stock.move", originalId);
            ObjectNode moveCopy = original.deepCopy();
            for (String field : List.of("id", "move_line_ids", "returned_move_ids", "create_date", "write_date")) {
                moveCopy.remove(field);
            }
            long moveId = insert("stock.move", NODES.objectNode());
            ObjectNode move = tables.get("stock.move").get(moveId);
            move.setAll(moveCopy);
            move.put("product_uom_qty", quantity).put("product_qty", quantity).put("quantity", quantity)
                    .put("picked", false).put("state", "assigned").put("reference", name);
            move.set("picking_id", NODES.arrayNode().add(pickingId).add(name));
            move.set("origin_returned_move_id", many2one("stock.move", originalId));
            move.set("location_id", original.has("location_dest_id") ? original.get("location_dest_id") : BooleanNode.FALSE);
            move.set("location_dest_id", original.has("location_id") ? original.get("location_id") : BooleanNode.FALSE);
            moveIds.add(moveId);
            ArrayNode returned = original.has("returned_move_ids") && original.get("returned_move_ids").isArray()
                    ? (ArrayNode) original.get("returned_move_ids") : original.putArray("returned_move_ids");
            returned.add(moveId);
        }
        picking.set("move_ids", moveIds);
        ArrayNode returns = delivery.has("return_ids") && delivery.get("return_ids").isArray()
                ? (ArrayNode) delivery.get("return_ids") : delivery.putArray("return_ids");
        returns.add(pickingId);
        delivery.put("return_count", returns.size());
        return pickingId;
    }

    /** The id of a many2one as stored ([id, name]) or given (id); 0 when empty. */
    private static long comparableId(JsonNode value) {
        if (value == null) {
            return 0;
        }
        if (value.isArray() && !value.isEmpty()) {
            return value.get(0).asLong();
        }
        return value.isIntegralNumber() ? value.asLong() : 0;
    }

    private JsonNode wizard(String label, List<Long> pickingIds) {
        JsonNode action = transcripts.result(label).deepCopy();
        if (pickingIds != null && action.path("context").has("button_validate_picking_ids")) {
            ArrayNode idsNode = NODES.arrayNode();
            pickingIds.forEach(idsNode::add);
            ((ObjectNode) action.get("context")).set("button_validate_picking_ids", idsNode);
        }
        return action;
    }

    private void defaults(String model, ObjectNode row, long id) {
        switch (model) {
            case "sale.order" -> {
                row.put("name", String.format("S%05d", id)).put("state", "draft").put("date_order", now());
                // Shipping Policy: sale_stock's default is "As soon as possible" (picking_policy default='direct';
                // 17.0's fields_get 083 lists direct / one, and S00025 read direct in 029).
                row.put("picking_policy", "direct");
                // The company currency of the recorded database (the webhooks of 17.0 carried currency_id 1, USD).
                row.set("currency_id", NODES.arrayNode().add(1).add("USD"));
            }
            case "account.move" -> {
                row.put("name", "/").put("state", "draft").put("payment_state", "not_paid");
                row.set("currency_id", NODES.arrayNode().add(1).add("USD"));
            }
            case "stock.quant" -> row.put("quantity", 0.0).put("inventory_quantity_set", true);
            default -> {
            }
        }
        activeByDefault(model, row);
    }

    /**
     * Odoo's {@code active} field defaults to True (fields.Boolean(default=True) on partners and products, "Active"
     * in 17.0's fields_get 092): a record nobody archived is active. Without this an unset field would read false.
     */
    private static void activeByDefault(String model, ObjectNode row) {
        if (ACTIVE_BY_DEFAULT.contains(model) && !row.has("active")) {
            row.put("active", true);
        }
    }

    private static final java.util.Set<String> ACTIVE_BY_DEFAULT = java.util.Set.of("res.partner", "product.product",
            "product.template");

    /** What Odoo computes when a record is created, as far as readers of the stub look at it. */
    private void computed(String model, ObjectNode row) {
        switch (model) {
            case "res.partner" -> {
                // The company a contact belongs to (its parent's), or itself.
                long parent = comparableId(row.get("parent_id"));
                ObjectNode company = parent > 0 ? tables.getOrDefault(model, new TreeMap<>()).get(parent) : null;
                if (!truthy(row.get("commercial_partner_id"))) {
                    row.set("commercial_partner_id", company != null && truthy(company.get("commercial_partner_id"))
                            ? company.get("commercial_partner_id")
                            : NODES.arrayNode().add(row.get("id").asLong()).add(row.path("name").asText("")));
                }
                if (!row.path("display_name").isTextual()) {
                    row.put("display_name", company == null || row.path("name").asText("").isEmpty()
                            ? row.path("name").asText("")
                            : company.path("name").asText() + ", " + row.path("name").asText());
                }
            }
            case "sale.order" -> {
                // partner_invoice_id and partner_shipping_id follow partner_id unless given (17.0 and 19.0 compute them
                // from address_get): the customer's contact of type invoice or delivery, else the customer itself.
                long customer = comparableId(row.get("partner_id"));
                for (String[] address : new String[][]{{"partner_invoice_id", "invoice"}, {"partner_shipping_id", "delivery"}}) {
                    if (customer > 0 && !truthy(row.get(address[0]))) {
                        long chosen = tables.getOrDefault("res.partner", new TreeMap<>()).values().stream()
                                .filter(p -> comparableId(p.get("parent_id")) == customer
                                        && address[1].equals(p.path("type").asText()))
                                .mapToLong(p -> p.get("id").asLong()).findFirst().orElse(customer);
                        row.set(address[0], many2one("res.partner", chosen));
                    }
                }
            }
            case "sale.order.line" -> {
                // The description defaults to the product's display name.
                ObjectNode product = tables.getOrDefault("product.product", new TreeMap<>())
                        .get(comparableId(row.get("product_id")));
                if (!row.path("name").isTextual() && product != null) {
                    row.put("name", displayName("product.product", product));
                }
            }
            default -> {
            }
        }
    }

    private void assign(String model, ObjectNode row, ObjectNode vals) {
        ObjectNode schema = schemas.get(model);
        Iterator<Map.Entry<String, JsonNode>> it = vals.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            JsonNode definition = schema == null ? null : schema.get(field);
            if (schema != null && definition == null) {
                throw new StubFault(StubFault.Kind.VALUE, "Invalid field '" + field + "' on model '" + model + "'");
            }
            String type = definition == null ? "" : definition.path("type").asText();
            JsonNode value = e.getValue();
            switch (type) {
                case "many2one" -> row.set(field, value.isIntegralNumber()
                        ? many2one(definition.path("relation").asText(), value.asLong()) : BooleanNode.FALSE);
                case "one2many", "many2many" -> row.set(field, x2many(model, field, row, definition, value));
                default -> row.set(field, value);
            }
        }
    }

    private JsonNode x2many(String model, String field, ObjectNode row, JsonNode definition, JsonNode commands) {
        ArrayNode current = row.has(field) && row.get(field).isArray() ? (ArrayNode) row.get(field) : NODES.arrayNode();
        for (JsonNode command : commands) {
            switch (command.get(0).asInt()) {
                case 0 -> {
                    ObjectNode childVals = ((ObjectNode) command.get(2)).deepCopy();
                    String inverse = INVERSE.get(model + "." + field);
                    if (inverse != null) {
                        childVals.put(inverse, row.get("id").asLong());
                    }
                    current.add(insert(definition.path("relation").asText(), childVals));
                }
                case 1 -> { // update a child in place
                    String relation = definition.path("relation").asText();
                    ObjectNode child = existing(relation, command.get(1).asLong());
                    assign(relation, child, (ObjectNode) command.get(2));
                    child.put("write_date", now());
                }
                case 4 -> current.add(command.get(1).asLong());
                case 6 -> {
                    current = NODES.arrayNode();
                    command.get(2).forEach(current::add);
                }
                default -> throw new StubFault(StubFault.Kind.VALUE, "x2many command not in the stub: " + command);
            }
        }
        return current;
    }

    private JsonNode many2one(String comodel, long id) {
        ObjectNode target = tables.getOrDefault(comodel, new TreeMap<>()).get(id);
        String name = target == null ? comodel + "," + id : displayName(comodel, target);
        return NODES.arrayNode().add(id).add(name);
    }

    private static String displayName(String model, ObjectNode row) {
        String name = row.path("name").asText(row.path("display_name").asText(""));
        if (model.equals("product.product") && row.hasNonNull("default_code") && row.get("default_code").isTextual()) {
            return "[" + row.get("default_code").asText() + "] " + name;
        }
        return name;
    }

    private ObjectNode project(String model, ObjectNode row, JsonNode fields) {
        if (fields == null || fields.isNull() || fields.isEmpty()) {
            return row.deepCopy();
        }
        ObjectNode schema = schemas.get(model);
        ObjectNode out = NODES.objectNode().put("id", row.get("id").asLong());
        for (JsonNode f : fields) {
            String field = f.asText();
            if (schema != null && !schema.has(field) && !field.equals("id")) {
                throw new StubFault(StubFault.Kind.VALUE, "Invalid field '" + field + "' on model '" + model + "'");
            }
            JsonNode value = row.get(field);
            out.set(field, value == null ? BooleanNode.FALSE : value.deepCopy()); // an empty field reads false
        }
        return out;
    }

    private List<ObjectNode> select(String model, JsonNode domain, int offset, int limit, String order) {
        List<ObjectNode> hits = new ArrayList<>();
        for (ObjectNode row : tables.getOrDefault(model, new TreeMap<>()).values()) {
            if (StubDomain.matches(row, domain, schemas.get(model))) {
                hits.add(row);
            }
        }
        if (order != null && !order.isBlank()) {
            hits.sort(StubDomain.ordering(order));
        }
        int from = Math.min(offset, hits.size());
        int to = limit > 0 ? Math.min(hits.size(), from + limit) : hits.size();
        return hits.subList(from, to);
    }

    private static ArrayNode ids(List<ObjectNode> rows) {
        ArrayNode out = NODES.arrayNode();
        rows.forEach(r -> out.add(r.get("id").asLong()));
        return out;
    }

    private ObjectNode existing(String model, long id) {
        ObjectNode row = tables.getOrDefault(model, new TreeMap<>()).get(id);
        if (row == null) {
            throw new StubFault(StubFault.Kind.MISSING, "Record does not exist or has been deleted.\n(Record: "
                    + model + "(" + id + ",), User: 2)");
        }
        return row;
    }

    private void requireModel(String model) {
        if (!schemas.containsKey(model) && !tables.containsKey(model)) {
            throw new StubFault(StubFault.Kind.UNKNOWN_MODEL, "Object " + model + " doesn't exist");
        }
    }

    private String now() {
        return DATETIME.format(clock.instant().atOffset(ZoneOffset.UTC));
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        return array::elements;
    }
}
