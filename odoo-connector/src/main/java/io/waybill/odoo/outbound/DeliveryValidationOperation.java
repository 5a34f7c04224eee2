package io.waybill.odoo.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventJson;
import io.waybill.odoo.client.OdooClient;
import io.waybill.odoo.client.OdooRecord;
import io.waybill.odoo.writequeue.OdooWriteOperation;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates the order's delivery in Odoo with the quantities that shipped. {@code button_validate} asks an SMS
 * question and, for partial quantities, a backorder question instead of acting; {@code skip_sms} and
 * {@code skip_backorder} answer both (the rest of a partial delivery stays open as a backorder in Odoo).
 * A delivery already done is left alone, so a retry after a lost answer does nothing twice.
 */
@ApplicationScoped
public class DeliveryValidationOperation implements OdooWriteOperation {

    static final Map<String, Object> NO_QUESTIONS = Map.of("skip_sms", true, "skip_backorder", true);

    private final OdooClient odoo;
    private final OdooLookups lookups;

    public DeliveryValidationOperation(OdooClient odoo, OdooLookups lookups) {
        this.odoo = odoo;
        this.lookups = lookups;
    }

    @Override
    public String name() {
        return WriteRequests.DeliveryValidation.OPERATION;
    }

    @Override
    public Uni<Void> apply(JsonNode payload) {
        WriteRequests.DeliveryValidation request = EventJson.convert(payload, WriteRequests.DeliveryValidation.class);
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
                .chain(moves -> shippedBySku(request).chain(shipped -> Multi.createFrom().iterable(moves)
                        .filter(move -> !List.of("done", "cancel").contains(move.textOrNull("state")))
                        .onItem().transformToUniAndConcatenate(move -> {
                            long productId = move.many2oneId("product_id").orElse(0L);
                            BigDecimal quantity = request.lines().isEmpty()
                                    ? move.decimal("product_uom_qty").orElse(BigDecimal.ZERO)
                                    : shipped.getOrDefault(productId, BigDecimal.ZERO);
                            return odoo.write("stock.move", List.of(move.id()),
                                    Map.of("quantity", quantity, "picked", true), Map.of());
                        })
                        .collect().asList().replaceWithVoid()));
    }

    private Uni<Map<Long, BigDecimal>> shippedBySku(WriteRequests.DeliveryValidation request) {
        Map<Long, BigDecimal> shipped = new HashMap<>();
        return Multi.createFrom().iterable(request.lines())
                .onItem().transformToUniAndConcatenate(line -> lookups.productOf(line.sku())
                        .invoke(productId -> shipped.merge(productId, line.quantity(), BigDecimal::add)))
                .collect().asList().replaceWith(shipped);
    }
}
