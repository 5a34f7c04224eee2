package io.waybill.order.routing;

import java.util.List;

/** The chosen rule, its warehouse candidates in preference order and the allowed carriers in preference order. */
public record RoutingDecision(String rule, List<String> warehouses, List<String> carriers) {
}
