package io.waybill.portal.returns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventJson;
import io.waybill.events.portal.PortalEvents;
import io.waybill.events.portal.ReturnRequested;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.foundation.problem.Problem;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.model.Quantity;
import io.waybill.portal.orders.OrderLineView;
import io.waybill.portal.orders.OrderQueries;
import io.waybill.portal.readmodel.PortalOrder;
import io.waybill.portal.readmodel.PortalShipment;
import io.waybill.portal.wording.CustomerWording;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Starts the return flow: checks the request against what the portal knows of the order, records it, and
 * publishes {@code waybill.portal.return-requested.v1} through the outbox in the same transaction. shipment-service
 * authorizes the return and issues the label; the portal never calls it.
 */
@ApplicationScoped
public class ReturnRequests {

    private static final String NUMBER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OrderQueries orders;
    private final Outbox outbox;
    private final CustomerWording wording;
    private final Clock clock;

    public ReturnRequests(OrderQueries orders, Outbox outbox, CustomerWording wording, Clock clock) {
        this.orders = orders;
        this.outbox = outbox;
        this.wording = wording;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<ReturnView> request(String customerId, String orderNumber, ReturnRequestBody body, String correlationId) {
        return orders.orderOf(customerId, orderNumber).chain(order -> PortalShipment.<PortalShipment>list(
                        "customerId = ?1 and orderId = ?2 and deliveredAt is not null", customerId, order.orderId)
                .chain(delivered -> {
                    if (delivered.isEmpty()) {
                        throw ProblemException.conflict("order-not-delivered",
                                "Order " + orderNumber + " has not been delivered yet: returns open on delivery");
                    }
                    return ReturnRequest.<ReturnRequest>list("customerId = ?1 and orderId = ?2", customerId, order.orderId)
                            .chain(earlier -> record(customerId, order, delivered, earlier, body, correlationId));
                }));
    }

    @WithSession
    public Uni<ReturnView> one(String customerId, String returnNumber) {
        return ReturnRequest.<ReturnRequest>find("customerId = ?1 and returnNumber = ?2", customerId, returnNumber)
                .firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("return",
                        "You have no return with number " + returnNumber))
                .chain(request -> PortalOrder.<PortalOrder>findById(request.orderId)
                        .map(order -> view(request, order.orderNumber)));
    }

    private Uni<ReturnView> record(String customerId, PortalOrder order, List<PortalShipment> delivered,
                                   List<ReturnRequest> earlier, ReturnRequestBody body, String correlationId) {
        checkReturnable(order, earlier, body);
        ReturnRequest request = new ReturnRequest();
        request.id = UUID.randomUUID();
        request.returnNumber = newReturnNumber();
        request.customerId = customerId;
        request.orderId = order.orderId;
        ArrayNode lines = EventJson.mapper().createArrayNode();
        body.lines().forEach(line -> lines.addObject().put("sku", line.sku())
                .set("quantity", EventJson.toTree(line.quantity())));
        request.lines = EventJson.write(lines);
        request.reason = body.reason().name();
        request.comment = body.comment();
        request.status = "REQUESTED";
        request.requestedAt = clock.instant();
        request.asOf = request.requestedAt;
        EventContext flow = EventContext.start(correlationId, customerId);
        request.correlationId = flow.correlationId();
        ReturnRequested event = new ReturnRequested(request.id.toString(), request.returnNumber, order.orderId,
                customerId, delivered.stream().map(s -> s.shipmentId).toList(),
                body.lines().stream().map(l -> new ReturnRequested.Line(l.sku(), l.quantity())).toList(),
                request.reason, request.comment, request.requestedAt);
        return request.persist()
                .chain(() -> outbox.append(PortalEvents.RETURN_REQUESTED, request.id.toString(), event,
                        flow))
                .replaceWith(() -> view(request, order.orderNumber));
    }

    /** Each SKU must be on the order, and not more may go back than was ordered less what returns already claim. */
    private static void checkReturnable(PortalOrder order, List<ReturnRequest> earlier, ReturnRequestBody body) {
        Map<String, Quantity> returnable = new HashMap<>();
        for (OrderLineView line : OrderQueries.lines(order.lines)) {
            if (line.quantity() != null) {
                returnable.merge(line.sku(), line.quantity(), Quantity::plus);
            }
        }
        for (ReturnRequest request : earlier) {
            for (OrderLineView line : OrderQueries.lines(request.lines)) {
                returnable.computeIfPresent(line.sku(), (sku, left) -> left.unit() == line.quantity().unit()
                        ? new Quantity(left.value().subtract(line.quantity().value()).max(BigDecimal.ZERO), left.unit())
                        : left);
            }
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, Quantity> asked = new HashMap<>();
        for (int i = 0; i < body.lines().size(); i++) {
            ReturnRequestBody.Line line = body.lines().get(i);
            String field = "lines[" + i + "]";
            Quantity left = returnable.get(line.sku());
            if (left == null) {
                errors.add(new Problem.FieldError(field + ".sku", line.sku() + " is not on order " + order.orderNumber));
                continue;
            }
            if (line.quantity().isZero()) {
                errors.add(new Problem.FieldError(field + ".quantity", "quantity must be more than zero"));
                continue;
            }
            if (line.quantity().unit() != left.unit()) {
                errors.add(new Problem.FieldError(field + ".quantity.unit", "unit must be " + left.unit()));
                continue;
            }
            Quantity total = asked.merge(line.sku(), line.quantity(), Quantity::plus);
            if (total.value().compareTo(left.value()) > 0) {
                errors.add(new Problem.FieldError(field + ".quantity", "at most " + left.value().toPlainString()
                        + " of " + line.sku() + " can still be returned"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("return-not-possible", "These goods cannot be returned", errors);
        }
    }

    private ReturnView view(ReturnRequest request, String orderNumber) {
        return new ReturnView(request.returnNumber, orderNumber, wording.returnStatus(request.status),
                request.returnTrackingNumber,
                OrderQueries.lines(request.lines), ReturnReason.valueOf(request.reason), request.comment,
                request.requestedAt, request.asOf);
    }

    private static String newReturnNumber() {
        StringBuilder number = new StringBuilder("RR-");
        for (int i = 0; i < 8; i++) {
            number.append(NUMBER_ALPHABET.charAt(RANDOM.nextInt(NUMBER_ALPHABET.length())));
        }
        return number.toString();
    }
}
