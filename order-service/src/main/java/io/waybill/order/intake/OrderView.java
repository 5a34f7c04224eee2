package io.waybill.order.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waybill.model.Address;
import io.waybill.model.order.OrderLine;
import io.waybill.model.order.OrderStatus;
import io.waybill.model.order.ServiceLevel;
import io.waybill.order.lifecycle.CustomerOrder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An order as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(
        String orderId,
        String customerId,
        String channel,
        String sourceSystem,
        String sourceReference,
        OrderStatus status,
        String statusReason,
        Instant statusChangedAt,
        ServiceLevel serviceLevel,
        Address shipTo,
        List<OrderLine> lines,
        boolean allowSplit,
        String requestedCarrier,
        LocalDate promisedDate,
        Instant receivedAt) {

    public static OrderView of(CustomerOrder order) {
        return new OrderView(order.orderId, order.customerId, order.channel, order.sourceSystem,
                order.sourceReference, order.status(), order.statusReason(), order.statusChangedAt(),
                order.serviceLevel, order.shipTo(), order.lines(), order.allowSplit, order.requestedCarrier,
                order.promisedDate, order.receivedAt);
    }
}
