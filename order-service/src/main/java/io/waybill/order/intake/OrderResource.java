package io.waybill.order.intake;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.foundation.security.Claims;
import io.waybill.foundation.security.Scopes;
import io.waybill.model.order.OrderStatus;
import io.waybill.order.lifecycle.ChangeSource;
import io.waybill.order.lifecycle.CustomerOrder;
import io.waybill.order.saga.SagaCoordinator;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;

/**
 * Order intake for channels and partners. A retried {@code POST} (same Idempotency-Key, or same source reference)
 * gets the first answer again, with {@code Idempotent-Replayed: true}. Partners and customers see only their own
 * orders; anyone else's is "not found".
 */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private final OrderIntake intake;
    private final SagaCoordinator saga;
    private final SecurityIdentity identity;

    public OrderResource(OrderIntake intake, SagaCoordinator saga, SecurityIdentity identity) {
        this.intake = intake;
        this.saga = saga;
        this.identity = identity;
    }

    public record Cancellation(@NotBlank @Size(max = 500) String reason) {
    }

    @POST
    @RolesAllowed(Scopes.ORDERS_WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> submit(@NotNull @Valid OrderSubmission submission,
                                @HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey,
                                @HeaderParam("X-Correlation-Id") @Size(max = 100) String correlationId) {
        String client = identity.getPrincipal().getName();
        Submitter submitter = new Submitter(client, Claims.partnerId(identity).orElse(null),
                Claims.partnerId(identity).orElse(client));
        return intake.submit(submission, submitter, idempotencyKey, correlationId).map(result -> {
            Response.ResponseBuilder response = Response.created(URI.create("/orders/" + result.orderId()))
                    .type(MediaType.APPLICATION_JSON).entity(result.responseBody());
            if (result.replayed()) {
                response.header("Idempotent-Replayed", "true");
            }
            return response.build();
        });
    }

    @GET
    @Path("{orderId}")
    @RolesAllowed({Scopes.ORDERS_READ, Scopes.PORTAL_CUSTOMER})
    @WithSession
    public Uni<OrderView> get(@PathParam("orderId") String orderId) {
        return visible(orderId).map(OrderView::of);
    }

    /**
     * A channel or partner cancels its order; compensations run as far as the order got. 200: cancelled. 202: the
     * warehouse partner may be picking it and has been asked to cancel; the order keeps its status until it answers
     * (CANCELLED, or SHIPPED if the goods had already left).
     */
    @POST
    @Path("{orderId}/cancellation")
    @RolesAllowed(Scopes.ORDERS_WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    public Uni<RestResponse<OrderView>> cancel(@PathParam("orderId") String orderId,
                                               @NotNull @Valid Cancellation cancellation) {
        return visible(orderId).chain(order -> saga.decide(orderId,
                        ChangeSource.rest(identity.getPrincipal().getName()), order.eventContext(),
                        (state, facts, now) -> saga.saga().cancel(state, facts, cancellation.reason(), now)))
                .map(order -> order.status() == OrderStatus.CANCELLED
                        ? RestResponse.ok(OrderView.of(order))
                        : RestResponse.accepted(OrderView.of(order)));
    }

    private Uni<CustomerOrder> visible(String orderId) {
        return CustomerOrder.<CustomerOrder>findById(orderId).map(order -> {
            if (order == null || !maysee(order)) {
                throw ProblemException.notFound("order", "No order " + orderId);
            }
            return order;
        });
    }

    /** Partners see what they submitted, customers their own orders; internal clients (no such claim) see all. */
    private boolean maysee(CustomerOrder order) {
        var partner = Claims.partnerId(identity);
        if (partner.isPresent()) {
            return partner.get().equals(order.partnerId);
        }
        var customer = Claims.customerId(identity);
        if (customer.isPresent()) {
            return customer.get().equals(order.customerId);
        }
        return !identity.hasRole(Scopes.PORTAL_CUSTOMER);
    }
}
