package io.waybill.order.intake;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventJson;
import io.waybill.events.order.OrderAccepted;
import io.waybill.events.order.OrderEvents;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.foundation.problem.Problem;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.model.Quantity;
import io.waybill.model.order.OrderLine;
import io.waybill.model.order.OrderStatus;
import io.waybill.model.order.Parcel;
import io.waybill.order.lifecycle.ChangeSource;
import io.waybill.order.lifecycle.CustomerOrder;
import io.waybill.order.lifecycle.OrderTransitions;
import io.waybill.order.reference.Customer;
import io.waybill.order.reference.ParcelEstimate;
import io.waybill.order.reference.Product;
import io.waybill.order.reference.ReferenceData;
import io.waybill.order.routing.RoutingDecision;
import io.waybill.order.routing.RoutingRequest;
import io.waybill.order.routing.RoutingRules;
import io.waybill.order.saga.SagaCoordinator;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Order intake, for REST submissions and Odoo's confirmed sales orders alike:
 * <ol>
 *     <li>a submission seen before (same Idempotency-Key from the same client, or the same source reference)
 *     gets the first answer back, byte for byte, and creates nothing;</li>
 *     <li>otherwise it is validated against the customers, products and routing rules order-service knows;</li>
 *     <li>a valid order is stored, moves RECEIVED -> VALIDATED, is announced ({@code waybill.order.accepted.v1}) and
 *     its saga starts, all in one transaction.</li>
 * </ol>
 * Two identical submissions racing each other both hit the unique source reference; the loser answers with the
 * winner's order.
 */
@ApplicationScoped
public class OrderIntake {

    /** What to do with an order that fails validation: refuse it (REST) or keep it on hold (Odoo already sold it). */
    public enum WhenInvalid { REJECT, HOLD }

    private final ReferenceData referenceData;
    private final RoutingRules routing;
    private final OrderTransitions transitions;
    private final SagaCoordinator saga;
    private final Outbox outbox;
    private final Clock clock;

    public OrderIntake(ReferenceData referenceData, RoutingRules routing, OrderTransitions transitions,
                       SagaCoordinator saga, Outbox outbox, Clock clock) {
        this.referenceData = referenceData;
        this.routing = routing;
        this.transitions = transitions;
        this.saga = saga;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A REST submission, in its own transaction; invalid orders are refused with problem+json. */
    public Uni<IntakeResult> submit(OrderSubmission submission, Submitter submitter, String idempotencyKey,
                                    String correlationId) {
        Request request = request(submission, submitter, idempotencyKey);
        return Panache.withTransaction(() -> intake(request, WhenInvalid.REJECT, ChangeSource.rest(submitter.clientId()),
                        EventContext.start(correlationId, submission.customerId())))
                .onFailure(OrderIntake::isUniqueViolation).recoverWithUni(() -> Panache.withTransaction(
                        () -> seenBefore(request).onItem().ifNull().failWith(() -> new IllegalStateException(
                                "Unique violation without an existing order for " + request.sourceReference()))));
    }

    /** An order from another service's event, inside the caller's (inbox) transaction. */
    public Uni<IntakeResult> submitFromEvent(OrderSubmission submission, Submitter submitter, WhenInvalid whenInvalid,
                                             ChangeSource source, EventContext context) {
        return intake(request(submission, submitter, null), whenInvalid, source, context);
    }

    private record Request(OrderSubmission submission, Submitter submitter, String sourceSystem,
                           String sourceReference, String idempotencyKey, String fingerprint) {
    }

    private static Request request(OrderSubmission submission, Submitter submitter, String idempotencyKey) {
        // A partner's orders are always in its own namespace; internal channels may name their source system.
        String sourceSystem = submitter.partnerId() != null ? submitter.partnerId()
                : submission.sourceSystem() != null && !submission.sourceSystem().isBlank() ? submission.sourceSystem()
                : submitter.clientId();
        return new Request(submission, submitter, sourceSystem, submission.sourceReference(), idempotencyKey,
                sha256(sourceSystem + "\n" + EventJson.write(submission)));
    }

    private Uni<IntakeResult> intake(Request request, WhenInvalid whenInvalid, ChangeSource source, EventContext context) {
        return seenBefore(request).chain(previous -> previous != null
                ? Uni.createFrom().item(previous)
                : create(request, whenInvalid, source, context));
    }

    /** The first answer to this submission, if there was one. */
    private Uni<IntakeResult> seenBefore(Request request) {
        Uni<CustomerOrder> byKey = request.idempotencyKey() == null ? Uni.createFrom().nullItem()
                : IntakeKey.<IntakeKey>findById(new IntakeKey.Id(request.submitter().clientId(), request.idempotencyKey()))
                .chain(key -> {
                    if (key == null) {
                        return Uni.createFrom().nullItem();
                    }
                    if (!key.requestFingerprint.equals(request.fingerprint())) {
                        return Uni.createFrom().failure(new ProblemException(422, "idempotency-key-reused",
                                "Idempotency-Key already used for another request",
                                "This Idempotency-Key was sent before with a different order; use a new key for a new order",
                                List.of(new Problem.FieldError("Idempotency-Key", "was used for a different request"))));
                    }
                    return CustomerOrder.findById(key.orderId);
                });
        return byKey.chain(order -> order != null ? Uni.createFrom().item(order)
                        : CustomerOrder.<CustomerOrder>find("sourceSystem = ?1 and sourceReference = ?2",
                                request.sourceSystem(), request.sourceReference()).firstResult()
                                .call(found -> found == null ? Uni.createFrom().voidItem() : rememberKey(request, found)))
                .map(order -> order == null ? null : new IntakeResult(order.orderId, order.intakeResponse, true));
    }

    private Uni<Void> rememberKey(Request request, CustomerOrder order) {
        if (request.idempotencyKey() == null) {
            return Uni.createFrom().voidItem();
        }
        return IntakeKey.findById(new IntakeKey.Id(request.submitter().clientId(), request.idempotencyKey()))
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().voidItem();
                    }
                    IntakeKey key = new IntakeKey();
                    key.clientId = request.submitter().clientId();
                    key.idempotencyKey = request.idempotencyKey();
                    key.orderId = order.orderId;
                    key.requestFingerprint = request.fingerprint();
                    key.createdAt = clock.instant();
                    return key.persist().replaceWithVoid();
                });
    }

    private Uni<IntakeResult> create(Request request, WhenInvalid whenInvalid, ChangeSource source, EventContext context) {
        OrderSubmission submission = request.submission();
        return referenceData.customer(submission.customerId())
                .chain(customer -> referenceData.products(skus(submission)).map(products -> validate(submission,
                        customer, products.stream().collect(Collectors.toMap(p -> p.sku, Function.identity())),
                        request.submitter())))
                .chain(checked -> {
                    if (!checked.errors().isEmpty() && whenInvalid == WhenInvalid.REJECT) {
                        return Uni.createFrom().failure(ProblemException.invalid("order-rejected",
                                "The order cannot be accepted", checked.errors()));
                    }
                    return store(request, checked, source, context);
                });
    }

    private record Checked(List<OrderLine> lines, List<Parcel> parcels, Set<String> productClasses,
                           Optional<RoutingDecision> route, List<Problem.FieldError> errors) {
    }

    private Checked validate(OrderSubmission submission, Customer customer, Map<String, Product> products,
                             Submitter submitter) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (customer == null || !customer.active) {
            errors.add(new Problem.FieldError("customerId", customer == null
                    ? "unknown customer " + submission.customerId() : "customer " + submission.customerId() + " is inactive"));
        }
        List<OrderLine> lines = new ArrayList<>();
        Set<String> lineIds = new HashSet<>();
        Set<String> classes = new java.util.TreeSet<>();
        for (int i = 0; i < submission.lines().size(); i++) {
            OrderSubmission.Line line = submission.lines().get(i);
            String field = "lines[" + i + "]";
            String lineId = line.lineId() == null || line.lineId().isBlank() ? String.valueOf(i + 1) : line.lineId();
            if (!lineIds.add(lineId)) {
                errors.add(new Problem.FieldError(field + ".lineId", "duplicate line id " + lineId));
            }
            Product product = products.get(line.sku());
            if (product == null || !product.active) {
                errors.add(new Problem.FieldError(field + ".sku", product == null
                        ? "unknown SKU " + line.sku() : "SKU " + line.sku() + " is no longer sold"));
            } else if (product.archivedInOdoo && submitter.equals(Submitter.ODOO)) {
                // Odoo's own archive stops Odoo's orders only; channels sell what Waybill says is active.
                errors.add(new Problem.FieldError(field + ".sku", "SKU " + line.sku() + " is archived in Odoo"));
            } else {
                classes.add(product.productClass);
            }
            if (line.quantity().signum() <= 0) {
                errors.add(new Problem.FieldError(field + ".quantity", "must be greater than 0"));
                continue;
            }
            try {
                lines.add(new OrderLine(lineId, line.sku(), new Quantity(line.quantity(), line.unitOrEach())));
            } catch (IllegalArgumentException notWhole) {
                errors.add(new Problem.FieldError(field + ".quantity", notWhole.getMessage()));
            }
        }
        PostalCodes.problem(submission.shipTo().countryCode(), submission.shipTo().postalCode())
                .ifPresent(problem -> errors.add(new Problem.FieldError("shipTo.postalCode", problem)));
        String channel = channel(submission, submitter);
        RoutingRequest routingRequest = new RoutingRequest(submission.shipTo().countryCode(), classes,
                submission.serviceLevel(), channel, submission.requestedCarrier());
        Optional<RoutingDecision> route = routing.route(routingRequest);
        if (route.isEmpty()) {
            // Name what the customer can change: the service level, if another one would be delivered there.
            var otherLevels = routing.serviceLevelsRouting(routingRequest);
            errors.add(otherLevels.isEmpty()
                    ? new Problem.FieldError("shipTo.countryCode", "no warehouse and carrier route delivers to "
                            + submission.shipTo().countryCode() + " for service level " + submission.serviceLevel()
                            + " and product classes " + classes)
                    : new Problem.FieldError("serviceLevel", "service level " + submission.serviceLevel()
                            + " is not offered to " + submission.shipTo().countryCode() + " for this order; offered: "
                            + otherLevels));
        }
        return new Checked(lines, ParcelEstimate.of(lines, products), classes, route, errors);
    }

    private Uni<IntakeResult> store(Request request, Checked checked, ChangeSource source, EventContext context) {
        OrderSubmission submission = request.submission();
        Instant now = clock.instant();
        CustomerOrder order = CustomerOrder.received(UUID.randomUUID().toString(), now);
        order.customerId = submission.customerId();
        order.channel = channel(submission, request.submitter());
        order.sourceSystem = request.sourceSystem();
        order.sourceReference = request.sourceReference();
        order.partnerId = request.submitter().partnerId();
        order.submittedBy = request.submitter().clientId();
        order.serviceLevel = submission.serviceLevel();
        order.shipTo(submission.shipTo().toAddress());
        order.lines(checked.lines());
        order.parcels(checked.parcels());
        order.productClasses(checked.productClasses());
        order.allowSplit = Boolean.TRUE.equals(submission.allowSplit());
        order.requestedCarrier = submission.requestedCarrier();
        order.promisedDate = submission.promisedDate();
        order.correlationId = context.correlationId();
        EventContext ctx = context.forCustomer(order.customerId);

        // The order row first: history, saga and outbox rows refer to it.
        Uni<Void> flow = order.persistAndFlush().chain(() -> transitions.recordReceived(order, source, ctx));
        if (!checked.errors().isEmpty()) {
            String reason = "not valid: " + checked.errors().stream().map(e -> e.field() + " " + e.message())
                    .collect(Collectors.joining("; "));
            flow = flow.chain(() -> transitions.transition(order, OrderStatus.ON_HOLD, reason, source, ctx))
                    .chain(() -> saga.startHeld(order, reason));
        } else {
            flow = flow
                    .chain(() -> transitions.transition(order, OrderStatus.VALIDATED,
                            "customer, SKUs, quantities, address and service level checked", source, ctx))
                    .chain(() -> outbox.append(OrderEvents.ACCEPTED, order.orderId, accepted(order), ctx))
                    .chain(() -> saga.start(order, checked.route().orElseThrow(), source, ctx));
        }
        return flow.chain(() -> {
                    order.intakeResponse = EventJson.write(OrderView.of(order));
                    return rememberKey(request, order);
                })
                .replaceWith(() -> new IntakeResult(order.orderId, order.intakeResponse, false));
    }

    /**
     * Validates again an order held at intake (e.g. its products were synchronized after the order arrived); if it
     * passes, it is accepted and its saga starts, as if it had been valid at first.
     */
    public Uni<CustomerOrder> revalidate(CustomerOrder order, ChangeSource source) {
        OrderSubmission again = new OrderSubmission(order.sourceSystem, order.sourceReference, order.customerId,
                order.channel, order.serviceLevel, OrderSubmission.ShipTo.of(order.shipTo()), order.lines().stream()
                .map(l -> new OrderSubmission.Line(l.lineId(), l.sku(), l.quantity().value(), l.quantity().unit()))
                .toList(), order.allowSplit, order.requestedCarrier, order.promisedDate);
        Submitter submitter = new Submitter(order.submittedBy, order.partnerId, order.channel);
        EventContext ctx = order.eventContext();
        return referenceData.customer(order.customerId)
                .chain(customer -> referenceData.products(skus(again)).map(products -> validate(again, customer,
                        products.stream().collect(Collectors.toMap(p -> p.sku, Function.identity())), submitter)))
                .chain(checked -> {
                    if (!checked.errors().isEmpty()) {
                        return Uni.createFrom().failure(ProblemException.invalid("order-still-invalid",
                                "The held order is still not valid", checked.errors()));
                    }
                    order.lines(checked.lines());
                    order.parcels(checked.parcels());
                    order.productClasses(checked.productClasses());
                    return transitions.transition(order, OrderStatus.VALIDATED, "valid after operator retry", source, ctx)
                            .chain(() -> outbox.append(OrderEvents.ACCEPTED, order.orderId, accepted(order), ctx))
                            .chain(() -> saga.startAfterHold(order, checked.route().orElseThrow(), source, ctx))
                            .replaceWith(order);
                });
    }

    private static OrderAccepted accepted(CustomerOrder order) {
        return new OrderAccepted(order.orderId, order.customerId, order.channel, order.sourceSystem,
                order.sourceReference, order.serviceLevel, order.shipTo(), order.lines(), order.allowSplit,
                order.requestedCarrier, order.promisedDate);
    }

    private static String channel(OrderSubmission submission, Submitter submitter) {
        return submission.channel() != null && !submission.channel().isBlank() ? submission.channel()
                : submitter.defaultChannel();
    }

    private static List<String> skus(OrderSubmission submission) {
        return submission.lines().stream().map(OrderSubmission.Line::sku).distinct().toList();
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
