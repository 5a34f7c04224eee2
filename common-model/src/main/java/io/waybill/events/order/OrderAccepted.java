package io.waybill.events.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waybill.model.Address;
import io.waybill.model.order.OrderLine;
import io.waybill.model.order.ServiceLevel;

import java.time.LocalDate;
import java.util.List;

/** Data of {@code waybill.order.accepted.v1}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderAccepted(
        String orderId,
        String customerId,
        String channel,
        String sourceSystem,
        String sourceReference,
        ServiceLevel serviceLevel,
        Address shipTo,
        List<OrderLine> lines,
        boolean allowSplit,
        String requestedCarrier,
        LocalDate promisedDate) {
}
