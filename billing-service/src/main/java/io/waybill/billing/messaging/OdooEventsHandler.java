package io.waybill.billing.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.waybill.billing.invoicing.Payments;
import io.waybill.events.EventEnvelope;
import io.waybill.events.odoo.OdooEvents;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.foundation.inbox.InboundEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Odoo's payment states of the invoices billing issued, through odoo-connector. */
@ApplicationScoped
public class OdooEventsHandler implements EventHandler {

    private final InboundEvents inbound;
    private final Payments payments;

    public OdooEventsHandler(InboundEvents inbound, Payments payments) {
        this.inbound = inbound;
        this.payments = payments;
    }

    @Incoming("odoo-events")
    public Uni<Void> onMessage(Message<JsonObject> message) {
        return inbound.process(message, this);
    }

    @Override
    public String name() {
        return "billing-service.odoo";
    }

    @Override
    public boolean accepts(EventEnvelope event) {
        return event.is(OdooEvents.INVOICE_PAYMENT_UPDATED);
    }

    @Override
    public Uni<Void> handle(EventEnvelope event) {
        return payments.record(event.dataAs(OdooEvents.INVOICE_PAYMENT_UPDATED), EventContext.causedBy(event));
    }
}
