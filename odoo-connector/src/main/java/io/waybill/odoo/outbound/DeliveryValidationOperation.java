package io.waybill.odoo.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventJson;
import io.waybill.odoo.client.OdooClient;
import io.waybill.odoo.client.OdooRecord;
import io.waybill.odoo.writequeue.OdooWriteOperation;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates the order's delivery in Odoo with the quantities that shipped. {@code button_validate} asks an SMS
 * question and, for partial quantities, a backorder question instead of acting; {@code skip_sms} and
 * {@code skip_backorder} answer both (the rest of a partial delivery stays open as a backorder in Odoo).
 * A delivery already done is left alone, so a retry after a lost answer does nothing twice.
 * <p>
 * Empty {@code lines} (an order shipped whole) validate the order's delivery with everything reserved on it. Lines
 * (one shipment of an order split across warehouses) validate only those on the order's open delivery that holds
 * them; Odoo keeps the rest as a backorder, which the next part's delivery validates in turn. The picking is
 * recorded before {@code button_validate} ({@link ShipmentParts#validatingOn}): a retry after a lost answer finds it
 * done and validates nothing twice, instead of taking the backorder for its own.
 */
@ApplicationScoped
public class DeliveryValidationOperation implements OdooWriteOperation {

    static final Map<String, Object> NO_QUESTIONS = Map.of("skip_sms", true, "skip_backorder", true);

    private static final Logger LOG = Logger.getLogger(DeliveryValidationOperation.class);

    private final OdooClient odoo;
    private final OdooLookups lookups;
    private final ShipmentParts parts;

    public DeliveryValidationOperation(OdooClient odoo, OdooLookups lookups, ShipmentParts parts) {
        this.odoo = odoo;
        this.lookups = lookups;
        this.parts = parts;
    }

    @Override
    public String name() {
        return WriteRequests.DeliveryValidation.OPERATION;
    }

    @Override
    public Uni<Void> apply(JsonNode payload) {
        WriteRequests.DeliveryValidation request = EventJson.convert(payload, WriteRequests.DeliveryValidation.class);
        if (!request.lines().isEmpty()) {
            return validatePart(request);
        }
        return lookups.deliveryOf(request.shipmentId(), request.odooOrderId())
                .chain(pickingId -> odoo.read("stock.picking", List.of(pickingId), List.of("state", "move_ids"))
                        .chain(pickings -> {
                            if (pickings.isEmpty() || List.of("done", "cancel").contains(pickings.get(0).textOrNull("state"))) {
                                return Uni.createFrom().voidItem();
                            }
                            return setQuantities(pickings.get(0), request)
                                    .chain(() -> odoo.callAction("stock.picking", "button_validate", List.of(pickingId), NO_QUESTIONS))
                                    .invoke(outcome -> outcome.requireDone("Validating delivery " + pickingId))
                                    .replaceWithVoid();
                        }));
    }

    private Uni<Void> setQuantities(OdooRecord picking, WriteRequests.DeliveryValidation request) {
        return odoo.read("stock.move", picking.ids("move_ids"), List.of("product_id", "product_uom_qty", "state"))
                .chain(moves -> Multi.createFrom().iterable(moves)
                        .filter(move -> !List.of("done", "cancel").contains(move.textOrNull("state")))
                        .onItem().transformToUniAndConcatenate(move -> odoo.write("stock.move", List.of(move.id()),
                                Map.of("quantity", move.decimal("product_uom_qty").orElse(BigDecimal.ZERO), "picked", true),
                                Map.of()))
                        .collect().asList().replaceWithVoid());
    }

    // ---- one part of an order split across warehouses ----------------------------------------------------------

    private Uni<Void> validatePart(WriteRequests.DeliveryValidation request) {
        return shippedBySku(request).chain(shipped -> parts.validatedPicking(request.shipmentId()).chain(recorded -> {
            if (recorded.isPresent()) {
                return odoo.read("stock.picking", List.of(recorded.get()), List.of("state", "move_ids")).chain(pickings -> {
                    String state = pickings.isEmpty() ? null : pickings.get(0).textOrNull("state");
                    if ("done".equals(state)) {
                        return Uni.createFrom().voidItem(); // validated by an earlier attempt whose answer was lost
                    }
                    if (pickings.isEmpty() || "cancel".equals(state)) {
                        return Uni.createFrom().failure(new IllegalStateException("Delivery " + recorded.get()
                                + " chosen for shipment " + request.shipmentId() + " is " + (pickings.isEmpty()
                                ? "gone" : "cancelled") + " in Odoo"));
                    }
                    return validateOn(pickings.get(0), shipped, request);
                });
            }
            return openDeliveryHolding(request.odooOrderId(), shipped.keySet()).chain(found -> {
                if (found.isEmpty()) {
                    LOG.warnf("Shipment %s of Odoo order %d delivered, but no open delivery of the order holds its "
                            + "products (validated already?): nothing to validate", request.shipmentId(),
                            request.odooOrderId());
                    return Uni.createFrom().voidItem();
                }
                return parts.validatingOn(request.shipmentId(), found.get().id())
                        .chain(() -> validateOn(found.get(), shipped, request));
            });
        }));
    }

    /** The order's oldest open outgoing delivery with a move to do for one of these products. */
    private Uni<java.util.Optional<OdooRecord>> openDeliveryHolding(long odooOrderId, java.util.Set<Long> products) {
        List<Object> open = List.of(List.of("sale_id", "=", odooOrderId), List.of("picking_type_code", "=", "outgoing"),
                List.of("state", "not in", List.of("done", "cancel")));
        return odoo.searchRead("stock.picking", open, List.of("state", "move_ids"), 20, "id asc")
                .chain(pickings -> Multi.createFrom().iterable(pickings)
                        .onItem().transformToUniAndConcatenate(picking -> odoo.read("stock.move", picking.ids("move_ids"),
                                        List.of("product_id", "state"))
                                .map(moves -> moves.stream().anyMatch(move -> !List.of("done", "cancel")
                                        .contains(move.textOrNull("state"))
                                        && products.contains(move.many2oneId("product_id").orElse(0L)))
                                        ? java.util.Optional.of(picking) : java.util.Optional.<OdooRecord>empty()))
                        .filter(java.util.Optional::isPresent)
                        .collect().first()
                        .map(found -> found == null ? java.util.Optional.<OdooRecord>empty() : found));
    }

    /**
     * This part's quantities on the picking's open moves (a product on several moves fills them in order), every
     * other open move left unpicked, then {@code button_validate}: what is picked is done, the rest is Odoo's
     * backorder.
     */
    private Uni<Void> validateOn(OdooRecord picking, Map<Long, BigDecimal> shipped,
                                 WriteRequests.DeliveryValidation request) {
        Map<Long, BigDecimal> toPlace = new HashMap<>(shipped);
        return odoo.read("stock.move", picking.ids("move_ids"), List.of("product_id", "product_uom_qty", "state", "picked"))
                .chain(moves -> Multi.createFrom().iterable(moves)
                        .filter(move -> !List.of("done", "cancel").contains(move.textOrNull("state")))
                        .onItem().transformToUniAndConcatenate(move -> {
                            long productId = move.many2oneId("product_id").orElse(0L);
                            BigDecimal left = toPlace.getOrDefault(productId, BigDecimal.ZERO);
                            BigDecimal quantity = left.min(move.decimal("product_uom_qty").orElse(BigDecimal.ZERO));
                            if (quantity.signum() > 0) {
                                toPlace.put(productId, left.subtract(quantity));
                                return odoo.write("stock.move", List.of(move.id()),
                                        Map.of("quantity", quantity, "picked", true), Map.of());
                            }
                            // Not in this part: left as it is, unless an earlier, failed attempt picked it.
                            return move.bool("picked")
                                    ? odoo.write("stock.move", List.of(move.id()), Map.of("picked", false), Map.of())
                                    : Uni.createFrom().item(true);
                        })
                        .collect().asList())
                .invoke(() -> toPlace.forEach((productId, left) -> {
                    if (left.signum() > 0) {
                        LOG.warnf("Shipment %s carried %s more of product %d than delivery %d still expects; not "
                                + "validated beyond the order", request.shipmentId(), left.toPlainString(), productId,
                                picking.id());
                    }
                }))
                .chain(() -> odoo.callAction("stock.picking", "button_validate", List.of(picking.id()), NO_QUESTIONS))
                .invoke(outcome -> outcome.requireDone("Validating part of delivery " + picking.id()))
                .replaceWithVoid();
    }

    private Uni<Map<Long, BigDecimal>> shippedBySku(WriteRequests.DeliveryValidation request) {
        Map<Long, BigDecimal> shipped = new HashMap<>();
        return Multi.createFrom().iterable(request.lines())
                .onItem().transformToUniAndConcatenate(line -> lookups.productOf(line.sku())
                        .invoke(productId -> shipped.merge(productId, line.quantity(), BigDecimal::add)))
                .collect().asList().replaceWith(shipped);
    }
}
