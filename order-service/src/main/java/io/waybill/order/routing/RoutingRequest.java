package io.waybill.order.routing;

import io.waybill.model.order.ServiceLevel;

import java.util.Set;

/** What routing looks at: destination country, the product classes in the order, service level and channel. */
public record RoutingRequest(String countryCode, Set<String> productClasses, ServiceLevel serviceLevel,
                             String channel, String requestedCarrier) {
}
