package io.waybill.portal.orders;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventJson;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.model.Quantity;
import io.waybill.portal.readmodel.PortalOrder;
import io.waybill.portal.shipments.ShipmentQueries;
import io.waybill.portal.shipments.ShipmentSummary;
import io.waybill.portal.wording.CustomerWording;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A customer's orders, read from the portal's own read model only. */
@ApplicationScoped
public class OrderQueries {

    private final CustomerWording wording;
    private final ShipmentQueries shipments;

    public OrderQueries(CustomerWording wording, ShipmentQueries shipments) {
        this.wording = wording;
        this.shipments = shipments;
    }

    @WithSession
    public Uni<OrderPage> list(String customerId, OrderQuery query) {
        StringBuilder where = new StringBuilder("customerId = :customer");
        Parameters parameters = Parameters.with("customer", customerId);
        if (query.status() != null) {
            if (!wording.orderStatusCodes().contains(query.status())) {
                throw ProblemException.invalidField("invalid-order-query", "status",
                        "status must be one of " + String.join(", ", wording.orderStatusCodes()));
            }
            CustomerWording.OrderStatusFilter filter = wording.orderStatusFilter(query.status());
            where.append(filter.includesUnknown()
                    ? " and (internalStatus in :statuses or internalStatus not in :known)"
                    : " and internalStatus in :statuses");
            parameters.and("statuses", filter.internalStatuses().isEmpty() ? List.of("") : filter.internalStatuses());
            if (filter.includesUnknown()) {
                parameters.and("known", filter.known());
            }
        }
        if (query.placedFrom() != null) {
            where.append(" and placedAt >= :from");
            parameters.and("from", query.placedFrom().atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        if (query.placedTo() != null) {
            where.append(" and placedAt < :to");
            parameters.and("to", query.placedTo().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        OrderQuery.Sort order = query.sort();
        // orderNumber is unique per customer: a stable tiebreaker keeps pages from overlapping.
        Sort sort = Sort.by(order.field, order.ascending ? Sort.Direction.Ascending : Sort.Direction.Descending)
                .and("orderNumber", Sort.Direction.Ascending);
        var found = PortalOrder.<PortalOrder>find(where.toString(), sort, parameters);
        return found.count().chain(total -> found.page(Page.of(query.page(), query.size())).list()
                .map(orders -> new OrderPage(
                        orders.stream().map(this::summary).toList(),
                        query.page(), query.size(), total,
                        (int) ((total + query.size() - 1) / query.size()),
                        orders.stream().map(o -> o.asOf).filter(Objects::nonNull).max(Comparator.naturalOrder())
                                .orElse(null))));
    }

    @WithSession
    public Uni<OrderDetail> one(String customerId, String orderNumber) {
        return orderOf(customerId, orderNumber).chain(order -> shipments.ofOrder(customerId, order.orderId)
                .map(parcels -> detail(order, parcels)));
    }

    /** Another customer's order answers exactly like an order that does not exist. */
    public Uni<PortalOrder> orderOf(String customerId, String orderNumber) {
        return PortalOrder.<PortalOrder>find("customerId = ?1 and orderNumber = ?2", customerId, orderNumber)
                .firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("order",
                        "You have no order with number " + orderNumber));
    }

    private OrderSummary summary(PortalOrder order) {
        return new OrderSummary(order.orderNumber, order.customerReference, order.placedAt,
                wording.orderStatus(order.internalStatus), order.promisedDate, order.asOf);
    }

    private OrderDetail detail(PortalOrder order, List<ShipmentSummary> parcels) {
        Instant asOf = order.asOf;
        for (ShipmentSummary parcel : parcels) {
            if (parcel.asOf() != null && parcel.asOf().isAfter(asOf)) {
                asOf = parcel.asOf();
            }
        }
        return new OrderDetail(order.orderNumber, order.customerReference, order.placedAt,
                wording.orderStatus(order.internalStatus), order.serviceLevel, order.promisedDate,
                order.shipTo == null ? null : EventJson.convert(read(order.shipTo), DeliveryAddress.class),
                lines(order.lines), parcels, asOf);
    }

    public static List<OrderLineView> lines(String json) {
        List<OrderLineView> lines = new ArrayList<>();
        int position = 1;
        for (JsonNode line : read(json)) {
            Quantity quantity = line.path("quantity").isObject()
                    ? EventJson.mapper().convertValue(line.path("quantity"), new TypeReference<Quantity>() { })
                    : null;
            lines.add(new OrderLineView(position++, line.path("sku").asText(),
                    line.hasNonNull("description") ? line.path("description").asText() : null, quantity));
        }
        return lines;
    }

    private static JsonNode read(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable JSON in the read model", e);
        }
    }
}
