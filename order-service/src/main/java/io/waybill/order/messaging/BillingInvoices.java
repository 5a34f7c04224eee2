package io.waybill.order.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventEnvelope;
import io.waybill.events.billing.BillingEvents;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.foundation.inbox.InboundEvents;
import io.waybill.order.invoicing.OrderInvoicing;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** billing-service's issued invoices: what moves a delivered order to INVOICED. */
@ApplicationScoped
public class BillingInvoices implements EventHandler {

    private final InboundEvents inbound;
    private final OrderInvoicing invoicing;

    public BillingInvoices(InboundEvents inbound, OrderInvoicing invoicing) {
        this.inbound = inbound;
        this.invoicing = invoicing;
    }

    @Incoming("billing-events")
    public Uni<Void> onMessage(Message<JsonObject> message) {
        return inbound.process(message, this);
    }

    @Override
    public String name() {
        return "order-service.billing";
    }

    @Override
    public boolean accepts(EventEnvelope event) {
        return event.is(BillingEvents.INVOICE_ISSUED);
    }

    @Override
    public Uni<Void> handle(EventEnvelope event) {
        return invoicing.invoiceIssued(event.dataAs(BillingEvents.INVOICE_ISSUED), EventContext.causedBy(event));
    }
}
