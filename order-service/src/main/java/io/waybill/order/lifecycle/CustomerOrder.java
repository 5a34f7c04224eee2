package io.waybill.order.lifecycle;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.waybill.events.EventJson;
import io.waybill.model.Address;
import io.waybill.model.order.OrderLine;
import io.waybill.model.order.OrderStatus;
import io.waybill.model.order.Parcel;
import io.waybill.model.order.ServiceLevel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An order as order-service keeps it. Its status changes only through {@link #moveTo}, which the
 * {@link OrderLifecycle} guards; use {@link OrderTransitions} so every change is also audited and published.
 */
@Entity
@Table(name = "customer_order")
public class CustomerOrder extends PanacheEntityBase {

    private static final TypeReference<List<OrderLine>> LINES = new TypeReference<>() { };
    private static final TypeReference<List<Parcel>> PARCELS = new TypeReference<>() { };

    @Id
    @Column(name = "order_id")
    public String orderId;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(nullable = false)
    public String channel;

    @Column(name = "source_system", nullable = false)
    public String sourceSystem;

    @Column(name = "source_reference", nullable = false)
    public String sourceReference;

    /** The partner that submitted it, if a partner did: partners see only their own orders. */
    @Column(name = "partner_id")
    public String partnerId;

    @Column(name = "submitted_by", nullable = false)
    public String submittedBy;

    @Enumerated(EnumType.STRING)
    @Column(name = "service_level", nullable = false)
    public ServiceLevel serviceLevel;

    @Column(name = "ship_to", nullable = false, columnDefinition = "text")
    String shipToJson;

    @Column(name = "lines", nullable = false, columnDefinition = "text")
    String linesJson;

    @Column(name = "parcels", nullable = false, columnDefinition = "text")
    String parcelsJson;

    @Column(name = "product_classes", nullable = false)
    String productClasses;

    @Column(name = "allow_split", nullable = false)
    public boolean allowSplit;

    @Column(name = "requested_carrier")
    public String requestedCarrier;

    @Column(name = "promised_date")
    public LocalDate promisedDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OrderStatus status;

    @Column(name = "status_reason", columnDefinition = "text")
    private String statusReason;

    @Column(name = "status_changed_at", nullable = false)
    private Instant statusChangedAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** The exact body of the first intake response, replayed to retried submissions. */
    @Column(name = "intake_response", columnDefinition = "text")
    public String intakeResponse;

    /** Ties every event of this order's journey together (CloudEvents extension {@code correlationid}). */
    @Column(name = "correlation_id", nullable = false)
    public String correlationId;

    @Version
    public int version;

    /** A new order in its first state, {@link OrderStatus#RECEIVED}. */
    public static CustomerOrder received(String orderId, Instant at) {
        CustomerOrder order = new CustomerOrder();
        order.orderId = orderId;
        order.status = OrderStatus.RECEIVED;
        order.statusChangedAt = at;
        order.receivedAt = at;
        return order;
    }

    /** Changes the status if the lifecycle allows it; returns the previous status. */
    OrderStatus moveTo(OrderStatus next, String reason, Instant at) {
        OrderLifecycle.check(orderId, status, next);
        OrderStatus previous = status;
        status = next;
        statusReason = reason;
        statusChangedAt = at;
        return previous;
    }

    /** The event context for events this order causes outside any incoming event (REST, schedules). */
    public io.waybill.foundation.events.EventContext eventContext() {
        return new io.waybill.foundation.events.EventContext(correlationId, null, customerId);
    }

    public OrderStatus status() {
        return status;
    }

    public String statusReason() {
        return statusReason;
    }

    public Instant statusChangedAt() {
        return statusChangedAt;
    }

    public Address shipTo() {
        return read(shipToJson, new TypeReference<Address>() { });
    }

    public void shipTo(Address address) {
        shipToJson = EventJson.write(address);
    }

    public List<OrderLine> lines() {
        return read(linesJson, LINES);
    }

    public void lines(List<OrderLine> lines) {
        linesJson = EventJson.write(lines);
    }

    public List<Parcel> parcels() {
        return read(parcelsJson, PARCELS);
    }

    public void parcels(List<Parcel> parcels) {
        parcelsJson = EventJson.write(parcels);
    }

    public Set<String> productClasses() {
        return productClasses.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(productClasses.split(",")));
    }

    public void productClasses(Set<String> classes) {
        productClasses = String.join(",", new TreeSet<>(classes));
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Stored order document is not JSON", e);
        }
    }
}
