package io.waybill.shipment.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventEnvelope;
import io.waybill.events.portal.PortalEvents;
import io.waybill.events.portal.ReturnRequested;
import io.waybill.events.shipment.ReturnRefused;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.foundation.inbox.InboundEvents;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.model.shipment.Milestone;
import io.waybill.model.shipment.ReturnLine;
import io.waybill.shipment.persistence.ShipmentEntity;
import io.waybill.shipment.persistence.ShipmentKind;
import io.waybill.shipment.returns.ReturnRequests;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;

/**
 * A customer's return request from the portal ({@code waybill.portal.return-requested.v1}) becomes a return request
 * against the order's delivered shipment; the return label and {@code return-authorized} follow from the
 * {@code ReturnWorker}. A request that cannot become a return is answered with {@code return-refused}.
 */
@ApplicationScoped
public class PortalEventsHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(PortalEventsHandler.class);

    private final InboundEvents inbound;
    private final ReturnRequests returns;
    private final Outbox outbox;
    private final Clock clock;

    public PortalEventsHandler(InboundEvents inbound, ReturnRequests returns, Outbox outbox, Clock clock) {
        this.inbound = inbound;
        this.returns = returns;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Incoming("portal-events")
    public Uni<Void> onMessage(Message<JsonObject> message) {
        return inbound.process(message, this);
    }

    @Override
    public String name() {
        return "shipment-service.portal";
    }

    @Override
    public boolean accepts(EventEnvelope event) {
        return event.is(PortalEvents.RETURN_REQUESTED);
    }

    @Override
    public Uni<Void> handle(EventEnvelope event) {
        ReturnRequested request = event.dataAs(PortalEvents.RETURN_REQUESTED);
        List<ReturnLine> lines = request.lines().stream().map(l -> new ReturnLine(l.sku(), l.quantity())).toList();
        Uni<List<ShipmentEntity>> candidates = request.shipmentIds().isEmpty()
                ? ShipmentEntity.list("orderId = ?1 and kind = ?2", request.orderId(), ShipmentKind.OUTBOUND)
                : ShipmentEntity.list("id in ?1", request.shipmentIds());
        return candidates.map(shipments -> returnable(request.orderId(), shipments)).chain(shipment -> {
            if (shipment == null) {
                LOG.warnf("Return %s refused: order %s has no delivered shipment", request.returnNumber(),
                        request.orderId());
                return refuse(event, request, lines, null);
            }
            return returns.request(shipment.id, lines, request.reason(), "portal:" + request.returnRequestId(),
                            event.correlationid())
                    .replaceWithVoid()
                    .onFailure(ProblemException.class).recoverWithUni(p -> {
                        LOG.warnf("Return %s refused: %s", request.returnNumber(), p.getMessage());
                        return refuse(event, request, lines, shipment.id);
                    });
        });
    }

    /**
     * The parcel the goods go back against: of the order's outbound shipments, one that was delivered and not
     * cancelled, the latest delivered first. No event tells shipment-service which SKUs travelled in which parcel
     * (a booking request carries weights and sizes only), so the choice is by what can be returned at all; a
     * cancelled or never-delivered shipment, which the first id of the request could be, never is.
     */
    static ShipmentEntity returnable(String orderId, List<ShipmentEntity> shipments) {
        return shipments.stream()
                .filter(s -> orderId.equals(s.orderId))
                .filter(s -> s.kind == ShipmentKind.OUTBOUND && s.status != Milestone.CANCELLED && s.deliveredAt != null)
                .max(Comparator.comparing((ShipmentEntity s) -> s.deliveredAt).thenComparing(s -> s.id))
                .orElse(null);
    }

    /** The customer is told through the portal instead of waiting for a label that will not come. */
    private Uni<Void> refuse(EventEnvelope event, ReturnRequested request, List<ReturnLine> lines, String shipmentId) {
        return outbox.append(ShipmentEvents.RETURN_REFUSED, shipmentId != null ? shipmentId : request.orderId(),
                        new ReturnRefused(null, shipmentId, request.orderId(), request.customerId(), lines,
                                ReturnRefused.NOT_RETURNABLE, clock.instant()),
                        EventContext.causedBy(event).forCustomer(request.customerId()))
                .replaceWithVoid();
    }
}
