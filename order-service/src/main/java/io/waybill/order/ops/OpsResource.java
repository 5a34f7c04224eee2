package io.waybill.order.ops;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.foundation.security.Scopes;
import io.waybill.model.order.OrderStatus;
import io.waybill.order.intake.OrderIntake;
import io.waybill.order.intake.OrderView;
import io.waybill.order.lifecycle.ChangeSource;
import io.waybill.order.lifecycle.CustomerOrder;
import io.waybill.order.lifecycle.StatusChange;
import io.waybill.order.saga.FulfilmentPart;
import io.waybill.order.saga.OrderSaga;
import io.waybill.order.saga.SagaCoordinator;
import io.waybill.order.saga.SagaStep;
import io.waybill.order.saga.SagaTrailEntry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The operator's desk: which orders sit in which state and for how long, one order's saga trail and audit history,
 * and the two ways out of a hold: retry (resume where it stopped) or cancel (with compensations).
 */
@Path("/ops/orders")
@RolesAllowed(Scopes.ORDERS_OPERATE)
@Produces(MediaType.APPLICATION_JSON)
public class OpsResource {

    public record OrderSummary(String orderId, String customerId, String sourceReference, OrderStatus status,
                               String statusReason, Instant statusChangedAt, long minutesInStatus) {
    }

    public record TrailLine(Instant at, SagaStep step, String kind, String detail) {
    }

    public record HistoryLine(Instant changedAt, OrderStatus previousStatus, OrderStatus status, String reason,
                              String source, String changedBy) {
    }

    public record SagaView(String orderId, OrderStatus status, SagaStep step, Instant stepDeadline, String holdReason,
                           String routingRule, List<String> candidateWarehouses, List<String> allowedCarriers,
                           String reservationId, Instant reservationExpiresAt,
                           @Schema(description = "What leaves each warehouse: one part for an order shipped whole, "
                                   + "one per warehouse for a split order") List<FulfilmentPart> parts,
                           List<TrailLine> trail, List<HistoryLine> history, String attention) {
    }

    public record Cancellation(@NotBlank @Size(max = 500) String reason) {
    }

    private final SagaCoordinator coordinator;
    private final OrderIntake intake;
    private final SecurityIdentity identity;
    private final Clock clock;

    public OpsResource(SagaCoordinator coordinator, OrderIntake intake, SecurityIdentity identity, Clock clock) {
        this.coordinator = coordinator;
        this.intake = intake;
        this.identity = identity;
        this.clock = clock;
    }

    /**
     * e.g. {@code ?status=ALLOCATING&olderThanMinutes=15}: orders waiting for stock for more than a quarter hour;
     * {@code ?status=RELEASED&flagged=true}: released orders flagged for an operator (a partner overran its deadline
     * or refused a cancellation; the saga view says why).
     */
    @GET
    @WithSession
    public Uni<List<OrderSummary>> byStatusAndAge(@QueryParam("status") @NotNull OrderStatus status,
                                                  @QueryParam("olderThanMinutes") @DefaultValue("0") @Min(0) int olderThanMinutes,
                                                  @QueryParam("flagged") @DefaultValue("false") boolean flagged,
                                                  @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        Instant now = clock.instant();
        String query = "status = ?1 and statusChangedAt <= ?2"
                + (flagged ? " and orderId in (select s.orderId from OrderSaga s where s.attention is not null)" : "")
                + " order by statusChangedAt";
        return CustomerOrder.<CustomerOrder>find(query, status, now.minus(Duration.ofMinutes(olderThanMinutes)))
                .page(0, limit).list()
                .map(orders -> orders.stream().map(o -> new OrderSummary(o.orderId, o.customerId, o.sourceReference,
                        o.status(), o.statusReason(), o.statusChangedAt(),
                        Duration.between(o.statusChangedAt(), now).toMinutes())).toList());
    }

    @GET
    @Path("{orderId}/saga")
    @WithSession
    public Uni<SagaView> saga(@PathParam("orderId") String orderId) {
        return CustomerOrder.<CustomerOrder>findById(orderId).chain(order -> {
            if (order == null) {
                return Uni.createFrom().failure(ProblemException.notFound("order", "No order " + orderId));
            }
            return OrderSaga.<OrderSaga>findById(orderId).chain(saga -> SagaTrailEntry.of(orderId).chain(trail ->
                    StatusChange.historyOf(orderId).map(history -> new SagaView(orderId, order.status(),
                            saga == null ? null : saga.step, saga == null ? null : saga.stepDeadline,
                            saga == null ? null : saga.holdReason, saga == null ? null : saga.routingRule,
                            saga == null ? List.of() : saga.candidateWarehouses,
                            saga == null ? List.of() : saga.allowedCarriers,
                            saga == null ? null : saga.reservationId,
                            saga == null ? null : saga.reservationExpiresAt,
                            saga == null ? List.of() : saga.parts,
                            trail.stream().map(t -> new TrailLine(t.at, t.step, t.kind, t.detail)).toList(),
                            history.stream().map(h -> new HistoryLine(h.changedAt, h.previousStatus, h.status,
                                    h.reason, h.source, h.changedBy)).toList(),
                            saga == null ? null : saga.attention))));
        });
    }

    /** Resumes a held order where it stopped; an order held at intake is validated again first. */
    @POST
    @Path("{orderId}/retry")
    @WithTransaction
    public Uni<OrderView> retry(@PathParam("orderId") String orderId) {
        ChangeSource operator = ChangeSource.operator(identity.getPrincipal().getName());
        return OrderSaga.<OrderSaga>findById(orderId).chain(saga -> {
            if (saga != null && SagaCoordinator.UNROUTED.equals(saga.routingRule) && saga.step == SagaStep.HELD) {
                return CustomerOrder.<CustomerOrder>findById(orderId).chain(order -> intake.revalidate(order, operator));
            }
            return CustomerOrder.<CustomerOrder>findById(orderId).chain(order -> coordinator.decide(orderId, operator,
                    order == null ? null : order.eventContext(),
                    (state, facts, now) -> coordinator.saga().retry(state, facts, operator.actor(), now)));
        }).map(OrderView::of);
    }

    /** 200: cancelled. 202: the warehouse partner may have the release and is asked to cancel it first. */
    @POST
    @Path("{orderId}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    public Uni<RestResponse<OrderView>> cancel(@PathParam("orderId") String orderId,
                                               @NotNull @Valid Cancellation cancellation) {
        ChangeSource operator = ChangeSource.operator(identity.getPrincipal().getName());
        return CustomerOrder.<CustomerOrder>findById(orderId).chain(order -> coordinator.decide(orderId, operator,
                        order == null ? null : order.eventContext(),
                        (state, facts, now) -> coordinator.saga().cancel(state, facts,
                                cancellation.reason() + " (operator " + operator.actor() + ")", now)))
                .map(order -> order.status() == OrderStatus.CANCELLED
                        ? RestResponse.ok(OrderView.of(order))
                        : RestResponse.accepted(OrderView.of(order)));
    }
}
