package io.waybill.odoo.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventJson;
import io.waybill.odoo.binding.BindingKind;
import io.waybill.odoo.binding.Bindings;
import io.waybill.odoo.client.OdooApiFlavour;
import io.waybill.odoo.client.OdooCall;
import io.waybill.odoo.client.OdooClient;
import io.waybill.odoo.client.OdooRecord;
import io.waybill.odoo.client.OdooServerException;
import io.waybill.odoo.writequeue.OdooWriteOperation;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Books a customer's return in Odoo the way Odoo's own "Return" button does, then receives it:
 * <ol>
 *   <li>the {@code stock.return.picking} wizard is created on the order's delivery (context {@code active_id},
 *       {@code active_ids}, {@code active_model: stock.picking}); Odoo fills one {@code stock.return.picking.line}
 *       per delivered move;</li>
 *   <li>every line gets the quantity that came back, 0 for what did not: Odoo 17 pre-fills each line with all
 *       that is still returnable, Odoo 18+ with 0, so no line is left as Odoo pre-filled it;</li>
 *   <li>{@code create_returns} (Odoo 17) or {@code action_create_returns} (Odoo 18 and later, where
 *       {@code create_returns} no longer exists) creates the incoming return picking, {@code return_id} = the
 *       delivery, and answers a window action whose {@code res_id} is that picking;</li>
 *   <li>the return picking's moves get the received quantities, {@code picked}, and {@code button_validate} runs
 *       with {@code skip_sms} and {@code skip_backorder}, as for deliveries.</li>
 * </ol>
 * None of these wizard calls is in the recordings of {@code ../shared/odoo-17.0} or {@code ../shared/odoo-19.0};
 * they follow Odoo's source ({@code stock/wizard/stock_picking_return.py} of 17.0, and of 18.0 where the methods
 * were renamed), and the stub models them from the same source.
 * <p>
 * Never two return pickings for one return: the binding of the return id comes first; then a return picking of
 * the same delivery ({@code return_id}) that is bound to no other return and holds exactly the returned products
 * and quantities, which is what a {@code create_returns} whose answer was lost left behind; only then the wizard.
 * A done return picking is not validated again.
 * <p>
 * Waybill checks that the delivery is done before it asks for a return. Odoo 17's wizard refuses otherwise
 * ("You may only return Done pickings."), but from Odoo 18.x {@code sale_stock} lets any picking of a sales order be
 * returned ({@code _can_return}: done, or linked to a sale): booking a return of goods Odoo never shipped would
 * put phantom stock on the shelf.
 */
@ApplicationScoped
public class ReturnReceiptOperation implements OdooWriteOperation {

    private static final Logger LOG = Logger.getLogger(ReturnReceiptOperation.class);

    static final String WIZARD = "stock.return.picking";
    static final String WIZARD_LINE = "stock.return.picking.line";

    private final OdooClient odoo;
    private final Bindings bindings;
    private final OdooLookups lookups;

    public ReturnReceiptOperation(OdooClient odoo, Bindings bindings, OdooLookups lookups) {
        this.odoo = odoo;
        this.bindings = bindings;
        this.lookups = lookups;
    }

    @Override
    public String name() {
        return WriteRequests.ReturnReceipt.OPERATION;
    }

    @Override
    public Uni<Void> apply(JsonNode payload) {
        WriteRequests.ReturnReceipt request = EventJson.convert(payload, WriteRequests.ReturnReceipt.class);
        return returnedByProduct(request).chain(returned -> returned.isEmpty()
                ? Uni.createFrom().voidItem() // nothing came back: nothing to book (Odoo would refuse a return of nothing)
                : lookups.binding(BindingKind.RETURN, request.returnId())
                .chain(bound -> bound.isPresent()
                        ? Uni.createFrom().item(bound.get().odooId)
                        : returnPickingFor(request, returned))
                .chain(returnPickingId -> receive(returnPickingId, request, returned)));
    }

    // ---- the return picking --------------------------------------------------------------------------------------

    private Uni<Long> returnPickingFor(WriteRequests.ReturnReceipt request, Map<Long, BigDecimal> returned) {
        return lookups.returnedDeliveryOf(request.shipmentId(), request.odooOrderId())
                .chain(deliveryId -> odoo.read("stock.picking", List.of(deliveryId), List.of("name", "state", "move_ids")))
                .chain(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().failure(new IllegalStateException("The delivery of shipment "
                                + request.shipmentId() + " no longer exists in Odoo: return " + request.returnId()
                                + " cannot be booked against it"));
                    }
                    OdooRecord delivery = found.get(0);
                    return earlierReturn(delivery, returned).chain(earlier -> {
                        if (earlier.isPresent()) {
                            LOG.infof("Return %s is already in Odoo as picking %d (an earlier attempt created it)",
                                    request.returnId(), earlier.get());
                            return bind(request, earlier.get());
                        }
                        return createReturn(request, delivery, returned).chain(created -> bind(request, created));
                    });
                });
    }

    /**
     * A return picking of this delivery that an earlier attempt created: not cancelled, bound to no other return,
     * and holding exactly the products and quantities of this return.
     */
    private Uni<Optional<Long>> earlierReturn(OdooRecord delivery, Map<Long, BigDecimal> returned) {
        return odoo.searchRead("stock.picking", List.of(List.of("return_id", "=", delivery.id()),
                        List.of("state", "!=", "cancel")), List.of("state", "move_ids"), null, "id asc")
                .chain(candidates -> Multi.createFrom().iterable(candidates)
                        .onItem().transformToUniAndConcatenate(candidate -> Panache.withSession(
                                        () -> bindings.findByOdooId(BindingKind.RETURN, candidate.id()))
                                .chain(boundElsewhere -> boundElsewhere.isPresent()
                                        ? Uni.createFrom().item(false)
                                        : odoo.read("stock.move", candidate.ids("move_ids"), List.of("product_id", "product_uom_qty", "state"))
                                        .map(moves -> sameQuantities(demandByProduct(moves), returned)))
                                .map(matches -> matches ? Optional.of(candidate.id()) : Optional.<Long>empty()))
                        .filter(Optional::isPresent)
                        .collect().first()
                        .map(first -> first == null ? Optional.<Long>empty() : first));
    }

    private Uni<Long> createReturn(WriteRequests.ReturnReceipt request, OdooRecord delivery, Map<Long, BigDecimal> returned) {
        String deliveryName = delivery.text("name").orElse(String.valueOf(delivery.id()));
        if (!"done".equals(delivery.textOrNull("state"))) {
            return Uni.createFrom().failure(new IllegalStateException("Delivery " + deliveryName + " of Odoo order "
                    + request.odooOrderId() + " is '" + delivery.textOrNull("state") + "', not done: return "
                    + request.returnId() + " can only be booked against goods Odoo shows as delivered"));
        }
        Map<String, Object> context = Map.of("active_id", delivery.id(), "active_ids", List.of(delivery.id()),
                "active_model", "stock.picking");
        return returnableByMove(delivery).chain(returnable -> odoo.create(WIZARD, Map.of("picking_id", delivery.id()), context)
                .chain(wizardId -> odoo.read(WIZARD, List.of(wizardId), List.of("product_return_moves"))
                        .chain(wizards -> wizards.isEmpty()
                                ? Uni.createFrom().<List<OdooRecord>>failure(new IllegalStateException(
                                "The return wizard " + wizardId + " Odoo just created cannot be read back"))
                                : odoo.read(WIZARD_LINE, wizards.get(0).ids("product_return_moves"),
                                List.of("product_id", "move_id", "quantity")))
                        .chain(lines -> odoo.write(WIZARD, List.of(wizardId), Map.of("product_return_moves",
                                lineQuantities(request, deliveryName, lines, returnable, returned)), context))
                        .chain(() -> createReturns(wizardId, context))));
    }

    /**
     * For each delivered move, what can still come back: its quantity less what earlier returns (not cancelled)
     * already take back, as Odoo 17 pre-fills its return lines.
     */
    private Uni<Map<Long, BigDecimal>> returnableByMove(OdooRecord delivery) {
        List<Long> moveIds = delivery.ids("move_ids");
        return odoo.read("stock.move", moveIds, List.of("quantity", "state"))
                .chain(moves -> odoo.searchRead("stock.move", List.of(List.of("origin_returned_move_id", "in", moveIds),
                                List.of("state", "!=", "cancel")), List.of("origin_returned_move_id", "product_uom_qty"), null, null)
                        .map(earlierReturns -> {
                            Map<Long, BigDecimal> returnable = new HashMap<>();
                            for (OdooRecord move : moves) {
                                if (!"cancel".equals(move.textOrNull("state"))) {
                                    returnable.put(move.id(), move.decimal("quantity").orElse(BigDecimal.ZERO));
                                }
                            }
                            for (OdooRecord back : earlierReturns) {
                                back.many2oneId("origin_returned_move_id").ifPresent(moveId -> returnable.computeIfPresent(moveId,
                                        (id, left) -> left.subtract(back.decimal("product_uom_qty").orElse(BigDecimal.ZERO))));
                            }
                            return returnable;
                        }));
    }

    /**
     * One {@code [1, line id, {quantity}]} command per wizard line, every line included: a line left alone keeps
     * what Odoo pre-filled (on 17, everything still returnable). A product's returned quantity goes onto its lines
     * in order, each up to what its move can still take back; what is left over was never delivered.
     */
    private static List<Object> lineQuantities(WriteRequests.ReturnReceipt request, String deliveryName,
                                               List<OdooRecord> lines, Map<Long, BigDecimal> returnable,
                                               Map<Long, BigDecimal> returned) {
        Map<Long, BigDecimal> left = new LinkedHashMap<>(returned);
        List<Object> commands = new ArrayList<>();
        for (OdooRecord line : lines) {
            long productId = line.many2oneId("product_id").orElse(0L);
            BigDecimal capacity = line.many2oneId("move_id").map(returnable::get).orElse(BigDecimal.ZERO).max(BigDecimal.ZERO);
            BigDecimal wanted = left.getOrDefault(productId, BigDecimal.ZERO);
            BigDecimal quantity = wanted.min(capacity);
            if (wanted.signum() > 0) {
                left.put(productId, wanted.subtract(quantity));
            }
            commands.add(List.of(1, line.id(), Map.of("quantity", quantity)));
        }
        left.values().removeIf(rest -> rest.signum() <= 0);
        if (!left.isEmpty()) {
            throw new IllegalStateException("Return " + request.returnId() + " brings back more than delivery "
                    + deliveryName + " delivered and has not already had returned (product id: quantity over) " + left);
        }
        return commands;
    }

    /**
     * Odoo 17 names the button {@code create_returns}; 18 renamed it {@code action_create_returns} (19 likewise).
     * JSON-RPC serves 16 to 18, so over JSON-RPC the 17 name is tried first and the 18 name when Odoo says the
     * method does not exist (an error is one rolled-back call: nothing was created). The answer is a window
     * action onto the new picking with no {@code target}, which {@code ActionOutcome} would take for a wizard.
     */
    private Uni<Long> createReturns(long wizardId, Map<String, Object> context) {
        Uni<JsonNode> answer = odoo.flavour() == OdooApiFlavour.JSON_RPC
                ? call("create_returns", wizardId, context).onFailure(OdooServerException.class)
                .recoverWithUni(failure -> "builtins.AttributeError".equals(((OdooServerException) failure).odooErrorName())
                        ? call("action_create_returns", wizardId, context)
                        : Uni.createFrom().failure(failure))
                : call("action_create_returns", wizardId, context);
        return answer.map(action -> {
            if (action == null || !"stock.picking".equals(action.path("res_model").asText())
                    || !action.path("res_id").isIntegralNumber() || action.path("res_id").asLong() < 1) {
                throw new OdooServerException("unexpected-result", WIZARD + " answered " + action
                        + " instead of the window action onto the return picking");
            }
            return action.path("res_id").asLong();
        });
    }

    private Uni<JsonNode> call(String method, long wizardId, Map<String, Object> context) {
        return odoo.execute(OdooCall.on(WIZARD, method).ids(List.of(wizardId)).context(context).build());
    }

    private Uni<Long> bind(WriteRequests.ReturnReceipt request, long pickingId) {
        return Panache.withTransaction(() -> bindings.bind(BindingKind.RETURN, request.returnId(), pickingId, null, null)
                .chain(created -> created
                        ? Uni.createFrom().item(pickingId)
                        : bindings.find(BindingKind.RETURN, request.returnId()).map(bound -> bound
                        .map(binding -> binding.odooId)
                        .orElseThrow(() -> new IllegalStateException("Return picking " + pickingId
                                + " is bound to another return than " + request.returnId())))));
    }

    // ---- receiving it --------------------------------------------------------------------------------------------

    private Uni<Void> receive(long returnPickingId, WriteRequests.ReturnReceipt request, Map<Long, BigDecimal> returned) {
        return odoo.read("stock.picking", List.of(returnPickingId), List.of("name", "state", "move_ids")).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(new IllegalStateException("Return picking " + returnPickingId
                        + " of return " + request.returnId() + " no longer exists in Odoo"));
            }
            String state = found.get(0).textOrNull("state");
            if ("done".equals(state)) {
                return Uni.createFrom().voidItem(); // received by an earlier attempt (or by hand in Odoo)
            }
            if ("cancel".equals(state)) {
                return Uni.createFrom().failure(new IllegalStateException("Return picking " + returnPickingId
                        + " of return " + request.returnId() + " was cancelled in Odoo"));
            }
            return odoo.read("stock.move", found.get(0).ids("move_ids"), List.of("product_id", "product_uom_qty", "state"))
                    .chain(moves -> setReceived(moves, returned))
                    .chain(() -> odoo.callAction("stock.picking", "button_validate", List.of(returnPickingId),
                            DeliveryValidationOperation.NO_QUESTIONS))
                    .invoke(outcome -> outcome.requireDone("Validating return picking " + returnPickingId))
                    .replaceWithVoid();
        });
    }

    /** Each open move gets what came back of its product, up to its demand, and is marked picked. */
    private Uni<Void> setReceived(List<OdooRecord> moves, Map<Long, BigDecimal> returned) {
        Map<Long, BigDecimal> left = new HashMap<>(returned);
        return Multi.createFrom().iterable(moves)
                .filter(move -> !List.of("done", "cancel").contains(move.textOrNull("state")))
                .onItem().transformToUniAndConcatenate(move -> {
                    long productId = move.many2oneId("product_id").orElse(0L);
                    BigDecimal wanted = left.getOrDefault(productId, BigDecimal.ZERO);
                    BigDecimal quantity = wanted.min(move.decimal("product_uom_qty").orElse(BigDecimal.ZERO)).max(BigDecimal.ZERO);
                    left.put(productId, wanted.subtract(quantity));
                    return odoo.write("stock.move", List.of(move.id()), Map.of("quantity", quantity, "picked", true), Map.of());
                })
                .collect().asList().replaceWithVoid();
    }

    // ---- quantities ----------------------------------------------------------------------------------------------

    /** What came back, by Odoo product (the SKU is the product's internal reference). */
    private Uni<Map<Long, BigDecimal>> returnedByProduct(WriteRequests.ReturnReceipt request) {
        Map<Long, BigDecimal> returned = new LinkedHashMap<>();
        return Multi.createFrom().iterable(request.lines())
                .onItem().transformToUniAndConcatenate(line -> lookups.productOf(line.sku())
                        .invoke(productId -> returned.merge(productId, line.quantity(), BigDecimal::add)))
                .collect().asList()
                .map(ignored -> {
                    returned.values().removeIf(quantity -> quantity.signum() <= 0);
                    return returned;
                });
    }

    private static Map<Long, BigDecimal> demandByProduct(List<OdooRecord> moves) {
        Map<Long, BigDecimal> demand = new HashMap<>();
        for (OdooRecord move : moves) {
            if (!"cancel".equals(move.textOrNull("state"))) {
                move.many2oneId("product_id").ifPresent(productId -> demand.merge(productId,
                        move.decimal("product_uom_qty").orElse(BigDecimal.ZERO), BigDecimal::add));
            }
        }
        demand.values().removeIf(quantity -> quantity.signum() <= 0);
        return demand;
    }

    private static boolean sameQuantities(Map<Long, BigDecimal> a, Map<Long, BigDecimal> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> e.getValue().compareTo(b.get(e.getKey())) == 0);
    }
}
