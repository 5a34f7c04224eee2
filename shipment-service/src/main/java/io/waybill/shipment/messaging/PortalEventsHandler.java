package io.waybill.shipment.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventEnvelope;
import io.waybill.events.portal.PortalEvents;
import io.waybill.events.portal.ReturnRequested;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.foundation.inbox.InboundEvents;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.model.shipment.ReturnLine;
import io.waybill.shipment.persistence.ShipmentEntity;
import io.waybill.shipment.persistence.ShipmentKind;
import io.waybill.shipment.returns.ReturnRequests;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * A customer's return request from the portal ({@code waybill.portal.return-requested.v1}) becomes a return request
 * against the order's delivered shipment; the return label and {@code return-authorized} follow from the
 * {@code ReturnWorker}.
 */
@ApplicationScoped
public class PortalEventsHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(PortalEventsHandler.class);

    private final InboundEvents inbound;
    private final ReturnRequests returns;

    public PortalEventsHandler(InboundEvents inbound, ReturnRequests returns) {
        this.inbound = inbound;
        this.returns = returns;
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
        Uni<String> shipmentId = request.shipmentIds().isEmpty()
                ? ShipmentEntity.<ShipmentEntity>find("orderId = ?1 and kind = ?2 order by bookedAt desc",
                        request.orderId(), ShipmentKind.OUTBOUND).firstResult().map(s -> s == null ? null : s.id)
                : Uni.createFrom().item(request.shipmentIds().get(0));
        return shipmentId.chain(id -> {
            if (id == null) {
                // Nothing of ours to return against; retrying will not change that, so it goes to the dead letters.
                throw new IllegalStateException("Return " + request.returnNumber() + ": order " + request.orderId()
                        + " has no shipment");
            }
            return returns.request(id, lines, request.reason(), "portal:" + request.returnRequestId(),
                            event.correlationid())
                    .onFailure(ProblemException.class).invoke(p -> LOG.warnf("Return %s refused: %s",
                            request.returnNumber(), p.getMessage()))
                    .replaceWithVoid();
        });
    }
}
