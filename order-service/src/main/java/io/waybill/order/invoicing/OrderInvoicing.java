package io.waybill.order.invoicing;

import io.smallrye.mutiny.Uni;
import io.waybill.events.EventStream;
import io.waybill.events.billing.InvoiceIssued;
import io.waybill.foundation.events.EventContext;
import io.waybill.model.order.OrderStatus;
import io.waybill.order.lifecycle.ChangeSource;
import io.waybill.order.lifecycle.CustomerOrder;
import io.waybill.order.lifecycle.OrderTransitions;
import io.waybill.order.saga.FulfilmentPart;
import io.waybill.order.saga.OrderSaga;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The last step of an order's life: INVOICED, once billing-service has invoiced every shipment of it. A per-order
 * invoice covers them all at once; per-shipment invoices add up. billing-service invoices on proof of delivery, but
 * its invoice may overtake the delivery on the way here (another stream): it then waits in {@link OrderInvoice}
 * until order-service has recorded DELIVERED ({@link #settle}), so the history never skips the delivery. (The
 * lifecycle's SHIPPED -> INVOICED stays allowed for billing terms that invoice on dispatch; none do yet.)
 */
@ApplicationScoped
public class OrderInvoicing {

    private static final Logger LOG = Logger.getLogger(OrderInvoicing.class);
    /** The audit history names billing-service as the cause of INVOICED, whichever event completed the picture. */
    public static final ChangeSource SOURCE = ChangeSource.event(EventStream.Services.BILLING);

    private final OrderTransitions transitions;

    public OrderInvoicing(OrderTransitions transitions) {
        this.transitions = transitions;
    }

    /** Records an issued invoice (once per invoice id) and invoices the order if it is now fully invoiced. */
    public Uni<Void> invoiceIssued(InvoiceIssued invoice, EventContext context) {
        if (invoice.orderId() == null) {
            return Uni.createFrom().voidItem();
        }
        return OrderInvoice.<OrderInvoice>findById(invoice.invoiceId()).chain(known -> {
            if (known != null) {
                return Uni.createFrom().voidItem();
            }
            OrderInvoice row = new OrderInvoice();
            row.invoiceId = invoice.invoiceId();
            row.orderId = invoice.orderId();
            row.number = invoice.number();
            row.shipmentIds = invoice.shipmentIds() == null ? List.of() : List.copyOf(invoice.shipmentIds());
            row.issuedAt = invoice.issuedAt();
            return row.persist().replaceWithVoid();
        }).chain(() -> settle(invoice.orderId(), context));
    }

    /**
     * Moves the order to INVOICED if it has been delivered and its invoices cover its shipments. Called
     * when an invoice arrives and after a delivery, in the caller's transaction; anything else leaves it as it is.
     */
    public Uni<Void> settle(String orderId, EventContext context) {
        return CustomerOrder.<CustomerOrder>findById(orderId).chain(order -> {
            if (order == null || order.status() != OrderStatus.DELIVERED) {
                return Uni.createFrom().voidItem();
            }
            return OrderSaga.<OrderSaga>findById(orderId).chain(saga -> OrderInvoice.<OrderInvoice>list(
                    "orderId = ?1 order by issuedAt, invoiceId", orderId).chain(invoices -> {
                if (invoices.isEmpty()) {
                    return Uni.createFrom().voidItem();
                }
                List<String> shipmentIds = saga == null ? List.of()
                        : saga.parts.stream().map(FulfilmentPart::shipmentId).toList();
                if (!covers(invoices, shipmentIds)) {
                    LOG.infof("Order %s: invoices %s do not cover shipments %s yet", orderId,
                            invoices.stream().map(i -> i.number).toList(), shipmentIds);
                    return Uni.createFrom().voidItem();
                }
                String numbers = String.join(", ", invoices.stream().map(i -> i.number).toList());
                return transitions.transition(order, OrderStatus.INVOICED, "invoiced: " + numbers, SOURCE, context);
            }));
        });
    }

    /**
     * Whether the invoices cover every shipment of the order (one per warehouse it left from). Every invoice lists
     * the shipments it bills (at least one): a per-order invoice lists them all, per-shipment invoices one each.
     */
    static boolean covers(List<OrderInvoice> invoices, List<String> shipmentIds) {
        Set<String> invoiced = new HashSet<>();
        invoices.forEach(invoice -> invoiced.addAll(invoice.shipmentIds));
        return !shipmentIds.isEmpty() && shipmentIds.stream().allMatch(id -> id != null && invoiced.contains(id));
    }
}
