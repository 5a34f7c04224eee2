package io.waybill.order.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventEnvelope;
import io.waybill.events.odoo.CustomerSynced;
import io.waybill.events.odoo.OdooEvents;
import io.waybill.events.odoo.ProductSynced;
import io.waybill.events.odoo.SalesOrderCancelled;
import io.waybill.events.odoo.SalesOrderConfirmed;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.foundation.inbox.InboundEvents;
import io.waybill.model.order.ServiceLevel;
import io.waybill.order.intake.OrderIntake;
import io.waybill.order.intake.OrderSubmission;
import io.waybill.order.intake.Submitter;
import io.waybill.order.lifecycle.ChangeSource;
import io.waybill.order.lifecycle.CustomerOrder;
import io.waybill.order.lifecycle.OrderLifecycle;
import io.waybill.order.reference.CustomerRecord;
import io.waybill.order.reference.ReferenceData;
import io.waybill.order.saga.SagaCoordinator;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.ZoneOffset;

/**
 * What odoo-connector tells order-service: confirmed sales orders become orders (deduplicated by their Odoo name,
 * like any source reference), cancelled ones are cancelled, and customers and products keep intake's reference
 * data current.
 */
@ApplicationScoped
public class OdooOrders implements EventHandler {

    private static final Logger LOG = Logger.getLogger(OdooOrders.class);
    private static final ChangeSource SOURCE = ChangeSource.event("odoo-connector");
    /** Odoo has no service level on a sales order; routing rules decide by country and product class instead. */
    private static final ServiceLevel ODOO_SERVICE_LEVEL = ServiceLevel.STANDARD;

    private final InboundEvents inbound;
    private final OrderIntake intake;
    private final ReferenceData referenceData;
    private final SagaCoordinator coordinator;

    public OdooOrders(InboundEvents inbound, OrderIntake intake, ReferenceData referenceData,
                      SagaCoordinator coordinator) {
        this.inbound = inbound;
        this.intake = intake;
        this.referenceData = referenceData;
        this.coordinator = coordinator;
    }

    @Incoming("odoo-events")
    public Uni<Void> onMessage(Message<JsonObject> message) {
        return inbound.process(message, this);
    }

    @Override
    public String name() {
        return "order-service.odoo";
    }

    @Override
    public boolean accepts(EventEnvelope event) {
        return event.is(OdooEvents.SALES_ORDER_CONFIRMED) || event.is(OdooEvents.SALES_ORDER_CANCELLED)
                || event.is(OdooEvents.CUSTOMER_SYNCED) || event.is(OdooEvents.PRODUCT_SYNCED);
    }

    @Override
    public Uni<Void> handle(EventEnvelope event) {
        if (event.is(OdooEvents.SALES_ORDER_CONFIRMED)) {
            return confirmed(event.dataAs(OdooEvents.SALES_ORDER_CONFIRMED), EventContext.causedBy(event));
        }
        if (event.is(OdooEvents.SALES_ORDER_CANCELLED)) {
            return cancelled(event.dataAs(OdooEvents.SALES_ORDER_CANCELLED), EventContext.causedBy(event));
        }
        if (event.is(OdooEvents.CUSTOMER_SYNCED)) {
            CustomerSynced customer = event.dataAs(OdooEvents.CUSTOMER_SYNCED);
            return referenceData.upsertCustomer(customer.customerId(), new CustomerRecord(customer.name(), true), "odoo")
                    .replaceWithVoid();
        }
        ProductSynced product = event.dataAs(OdooEvents.PRODUCT_SYNCED);
        // Odoo changes only what it owns; Waybill's own product data (class, dimensions, sold or not) stays.
        return referenceData.syncFromOdoo(product.sku(), product.name(), product.barcode(), product.weightKg(),
                product.active()).replaceWithVoid();
    }

    private Uni<Void> confirmed(SalesOrderConfirmed order, EventContext context) {
        OrderSubmission submission = new OrderSubmission(order.sourceSystem(), order.sourceReference(),
                order.customerId(), "odoo", ODOO_SERVICE_LEVEL, OrderSubmission.ShipTo.of(order.shipTo()),
                order.lines().stream().map(l -> new OrderSubmission.Line(l.lineId(), l.sku(), l.quantity().value(),
                        l.quantity().unit())).toList(),
                order.splitAllowed(), // Odoo's shipping policy; an older connector does not say: not split
                order.requestedCarrier(),
                order.commitmentDate() == null ? null : order.commitmentDate().atZone(ZoneOffset.UTC).toLocalDate());
        // Odoo has already sold it: an order that fails validation is kept on hold for an operator, not dropped.
        return intake.submitFromEvent(submission, Submitter.ODOO, OrderIntake.WhenInvalid.HOLD, SOURCE, context)
                .invoke(result -> {
                    if (result.replayed()) {
                        LOG.debugf("Odoo order %s already taken in as %s", order.sourceReference(), result.orderId());
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> cancelled(SalesOrderCancelled cancelled, EventContext context) {
        return CustomerOrder.<CustomerOrder>find("sourceSystem = ?1 and sourceReference = ?2",
                cancelled.sourceSystem(), cancelled.sourceReference()).firstResult().chain(order -> {
            if (order == null || !OrderLifecycle.cancellable(order.status())) {
                LOG.infof("Odoo cancelled %s, which is %s here: nothing to cancel", cancelled.sourceReference(),
                        order == null ? "unknown" : order.status());
                return Uni.createFrom().voidItem();
            }
            return coordinator.decide(order.orderId, SOURCE, context, (state, facts, now) -> coordinator.saga()
                    .cancel(state, facts, "cancelled in Odoo", now)).replaceWithVoid();
        });
    }
}
