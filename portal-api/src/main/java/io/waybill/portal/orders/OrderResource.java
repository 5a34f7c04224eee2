package io.waybill.portal.orders;

import io.smallrye.mutiny.Uni;
import io.waybill.foundation.security.Scopes;
import io.waybill.portal.identity.CustomerIdentity;
import io.waybill.portal.returns.ReturnRequestBody;
import io.waybill.portal.returns.ReturnRequests;
import io.waybill.portal.returns.ReturnView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/me/orders")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.PORTAL_CUSTOMER)
@Tag(name = "Orders", description = "Your orders, their lines and their parcels")
@SecurityRequirement(name = "oidc", scopes = Scopes.PORTAL_CUSTOMER)
public class OrderResource {

    private final OrderQueries orders;
    private final ReturnRequests returns;
    private final CustomerIdentity customer;

    public OrderResource(OrderQueries orders, ReturnRequests returns, CustomerIdentity customer) {
        this.orders = orders;
        this.returns = returns;
        this.customer = customer;
    }

    @GET
    @Operation(operationId = "listMyOrders", summary = "Your orders",
            description = "Newest first unless you choose another order. Filter by the status code you see on an "
                    + "order and by the day it was placed (UTC, both ends inclusive).")
    public Uni<OrderPage> list(
            @Parameter(description = "A status code: RECEIVED, PROCESSING, DELAYED, SHIPPED, DELIVERED or CANCELLED",
                    example = "SHIPPED") @QueryParam("status") String status,
            @Parameter(description = "Placed on or after this day (UTC)", example = "2026-11-01")
            @QueryParam("placedFrom") String placedFrom,
            @Parameter(description = "Placed on or before this day (UTC)", example = "2026-11-30")
            @QueryParam("placedTo") String placedTo,
            @Parameter(description = "placedAt, -placedAt (default), orderNumber, -orderNumber, asOf or -asOf; "
                    + "a leading - sorts descending", example = "-placedAt") @QueryParam("sort") String sort,
            @Parameter(description = "Page index, from 0") @QueryParam("page") @DefaultValue("0") int page,
            @Parameter(description = "Orders per page, 1 to 100") @QueryParam("size") @DefaultValue("20") int size) {
        return orders.list(customer.customerId(), OrderQuery.parse(status, placedFrom, placedTo, sort, page, size));
    }

    @GET
    @Path("/{orderNumber}")
    @Operation(operationId = "getMyOrder", summary = "One of your orders with its lines and parcels")
    public Uni<OrderDetail> one(@Parameter(description = "The order number", example = "WB-7Q4K2M9XAB")
                                @PathParam("orderNumber") String orderNumber) {
        return orders.one(customer.customerId(), orderNumber);
    }

    @POST
    @Path("/{orderNumber}/returns")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestReturn", summary = "Ask to send goods of a delivered order back",
            description = "Starts the return flow: we confirm by e-mail and send you a return label. Possible once "
                    + "at least one parcel of the order has been delivered, for products of the order and not more "
                    + "than were ordered less what earlier returns already claim.")
    @APIResponse(responseCode = "201", description = "Return requested; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReturnView.class)))
    @Tag(name = "Returns")
    public Uni<RestResponse<ReturnView>> requestReturn(
            @Parameter(description = "The order number", example = "WB-7Q4K2M9XAB") @PathParam("orderNumber") String orderNumber,
            @Parameter(description = "Ties this request to your own logs; generated when absent")
            @HeaderParam("X-Correlation-Id") String correlationId,
            @Valid @NotNull ReturnRequestBody body,
            @Context UriInfo uri) {
        return returns.request(customer.customerId(), orderNumber, body, correlationId)
                .map(view -> RestResponse.ResponseBuilder.<ReturnView>created(
                        uri.getBaseUriBuilder().path("me/returns/{returnNumber}").build(view.returnNumber()))
                        .entity(view).build());
    }
}
