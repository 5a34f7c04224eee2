package io.waybill.portal.wording;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Translates internal statuses into the words customers read. The translations are data
 * ({@code src/main/resources/wording/*.csv}), reviewed by customer service rather than hidden in code.
 */
@ApplicationScoped
public class CustomerWording {

    private final WordingTable orders = WordingTable.load("wording/order-statuses.csv");
    private final WordingTable milestones = WordingTable.load("wording/shipment-milestones.csv");
    private final WordingTable payments = WordingTable.load("wording/payment-states.csv");
    private final WordingTable returns = WordingTable.load("wording/return-statuses.csv");

    public CustomerStatus orderStatus(String internalStatus) {
        return orders.of(internalStatus);
    }

    public CustomerStatus milestone(String milestone) {
        return milestones.of(milestone);
    }

    public CustomerStatus paymentState(String paymentState) {
        return payments.of(paymentState);
    }

    public CustomerStatus returnStatus(String status) {
        return returns.of(status);
    }

    public Set<String> orderStatusCodes() {
        return orders.customerCodes();
    }

    /**
     * The filter for "orders in customer status X": the internal statuses listed under X, and whether internal
     * statuses the table does not know (shown as the fallback) belong to X too.
     */
    public OrderStatusFilter orderStatusFilter(String customerCode) {
        return new OrderStatusFilter(orders.internalValuesFor(customerCode), orders.isFallbackCode(customerCode),
                orders.knownInternalValues());
    }

    public record OrderStatusFilter(Set<String> internalStatuses, boolean includesUnknown, Set<String> known) {
    }
}
