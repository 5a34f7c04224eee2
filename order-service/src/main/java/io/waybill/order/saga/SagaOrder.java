package io.waybill.order.saga;

import io.waybill.model.Address;
import io.waybill.model.order.OrderLine;
import io.waybill.model.order.OrderStatus;
import io.waybill.model.order.Parcel;
import io.waybill.model.order.ServiceLevel;
import io.waybill.order.lifecycle.CustomerOrder;

import java.util.List;

/** The facts of an order the saga needs to talk to its participants. */
public record SagaOrder(String orderId, String customerId, OrderStatus status, ServiceLevel serviceLevel,
                        Address shipTo, List<OrderLine> lines, boolean allowSplit, List<Parcel> parcels) {

    public static SagaOrder of(CustomerOrder order) {
        return new SagaOrder(order.orderId, order.customerId, order.status(), order.serviceLevel, order.shipTo(),
                order.lines(), order.allowSplit, order.parcels());
    }
}
