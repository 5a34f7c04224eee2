package io.waybill.odoo.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventJson;
import io.waybill.model.billing.PaymentState;
import io.waybill.odoo.binding.BindingKind;
import io.waybill.odoo.binding.Bindings;
import io.waybill.odoo.client.OdooClient;
import io.waybill.odoo.writequeue.OdooWriteOperation;
import io.waybill.odoo.writequeue.WriteNotApplicableException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Books an invoice or credit note from billing-service in Odoo as an {@code account.move} and posts it.
 * <p>
 * Never a second move for one invoice: before creating, it looks for the binding, then for a move whose
 * {@code ref} is the invoice number (what a create whose answer was lost left behind), and only then creates.
 * Posting checks the state first, so a retry after a lost post answer does not post twice.
 */
@ApplicationScoped
public class InvoicePostingOperation implements OdooWriteOperation {

    private static final Logger LOG = Logger.getLogger(InvoicePostingOperation.class);

    private final OdooClient odoo;
    private final Bindings bindings;
    private final OdooLookups lookups;

    public InvoicePostingOperation(OdooClient odoo, Bindings bindings, OdooLookups lookups) {
        this.odoo = odoo;
        this.bindings = bindings;
        this.lookups = lookups;
    }

    @Override
    public String name() {
        return WriteRequests.InvoicePosting.OPERATION;
    }

    @Override
    public Uni<Void> apply(JsonNode payload) {
        WriteRequests.InvoicePosting request = EventJson.convert(payload, WriteRequests.InvoicePosting.class);
        return moveFor(request).chain(moveId -> post(moveId, request));
    }

    private Uni<Long> moveFor(WriteRequests.InvoicePosting request) {
        return lookups.binding(BindingKind.INVOICE, request.invoiceId()).chain(bound -> {
            if (bound.isPresent()) {
                return Uni.createFrom().item(bound.get().odooId);
            }
            return odoo.search("account.move", List.of(List.of("ref", "=", request.number()),
                            List.of("move_type", "=", request.moveType())), 1, "id asc")
                    .chain(found -> {
                        if (!found.isEmpty()) {
                            LOG.infof("Invoice %s is already in Odoo as move %d (an earlier attempt created it)",
                                    request.number(), found.get(0));
                            return bind(request, found.get(0));
                        }
                        return values(request).chain(vals -> odoo.create("account.move", vals, Map.of()))
                                .chain(moveId -> bind(request, moveId));
                    });
        });
    }

    /** A new invoice is unpaid: the reconciliation publishes its payment state only when Odoo reports a change. */
    private Uni<Long> bind(WriteRequests.InvoicePosting request, long moveId) {
        return Panache.withTransaction(() -> bindings.bind(BindingKind.INVOICE, request.invoiceId(), moveId, null,
                        PaymentState.NOT_PAID.name()))
                .replaceWith(moveId);
    }

    /** The Odoo ids an invoice refers to, looked up in the binding table. */
    private record Links(Optional<Long> partner, Optional<Long> order, Optional<Long> reversedMove) {
    }

    private Uni<Links> links(WriteRequests.InvoicePosting request) {
        return Panache.withSession(() -> lookups.partnerOf(request.customerId())
                .chain(partner -> (request.orderId() == null
                        ? Uni.createFrom().item(Optional.<Long>empty())
                        : lookups.odooOrderOf(request.orderId()))
                        .chain(order -> (request.reversedInvoiceId() == null
                                ? Uni.createFrom().item(Optional.<Long>empty())
                                : bindings.find(BindingKind.INVOICE, request.reversedInvoiceId()).map(b -> b.map(x -> x.odooId)))
                                .map(reversed -> new Links(partner, order, reversed)))));
    }

    private Uni<Map<String, Object>> values(WriteRequests.InvoicePosting request) {
        return links(request).chain(links -> {
            if (links.partner().isEmpty()) {
                return Uni.createFrom().failure(new WriteNotApplicableException("Customer " + request.customerId()
                        + " is not known in Odoo (no binding): cannot invoice it there"));
            }
            Uni<String> orderName = links.order().isEmpty()
                    ? Uni.createFrom().nullItem()
                    : odoo.read("sale.order", List.of(links.order().get()), List.of("name"))
                    .map(orders -> orders.isEmpty() ? null : orders.get(0).textOrNull("name"));
            return orderName.map(origin -> {
                Map<String, Object> vals = new LinkedHashMap<>();
                vals.put("move_type", request.moveType());
                vals.put("partner_id", links.partner().get());
                vals.put("ref", request.number());
                vals.put("invoice_date", request.invoiceDate().toString());
                if (origin != null) {
                    vals.put("invoice_origin", origin); // links the move to the sales order
                }
                links.reversedMove().ifPresent(moveId -> vals.put("reversed_entry_id", moveId));
                List<Object> lines = new ArrayList<>();
                for (WriteRequests.InvoicePostingLine line : request.lines()) {
                    lines.add(List.of(0, 0, Map.of("name", line.description(), "quantity", line.quantity(),
                            "price_unit", line.unitPrice())));
                }
                vals.put("invoice_line_ids", lines);
                return vals;
            });
        });
    }

    private Uni<Void> post(long moveId, WriteRequests.InvoicePosting request) {
        return odoo.read("account.move", List.of(moveId), List.of("state")).chain(moves -> {
            if (moves.isEmpty()) {
                return Uni.createFrom().failure(new IllegalStateException("Move " + moveId + " for invoice "
                        + request.number() + " disappeared from Odoo"));
            }
            if (!"draft".equals(moves.get(0).textOrNull("state"))) {
                return Uni.createFrom().voidItem(); // posted by an earlier attempt (or by hand)
            }
            // action_post answers false on success (recorded on 17.0 and 19.0).
            return odoo.callAction("account.move", "action_post", List.of(moveId), Map.of())
                    .invoke(outcome -> outcome.requireDone("Posting invoice " + request.number()))
                    .replaceWithVoid();
        });
    }
}
