package io.waybill.order.routing;

import io.waybill.model.order.ServiceLevel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which warehouses may fulfil an order and which carriers may ship it, as data: the first rule whose conditions
 * all match wins. An empty condition matches anything. Loaded from YAML at start ({@link RoutingRulesLoader}).
 */
public record RoutingRules(Map<String, Warehouse> warehouses, List<Rule> rules) {

    /** How an order reaches a warehouse's picking floor. */
    public enum PartnerLink {
        /** The partner's REST API receives releases and sends webhooks back (acme-3pl). */
        REST,
        /** Releases and confirmations are CSV files in exchange directories (northwind-3pl). */
        FILE
    }

    public record Warehouse(String partnerId, PartnerLink link) {
    }

    public record Match(Set<String> countries, Set<String> productClasses, Set<ServiceLevel> serviceLevels,
                        Set<String> channels) {

        boolean matches(RoutingRequest request) {
            return (countries == null || countries.isEmpty() || countries.contains(request.countryCode()))
                    && (serviceLevels == null || serviceLevels.isEmpty() || serviceLevels.contains(request.serviceLevel()))
                    && (channels == null || channels.isEmpty() || channels.contains(request.channel()))
                    // One product of a listed class is enough: a single hazardous item makes the whole order a
                    // hazmat shipment, so restrictive class rules come first in the file.
                    && (productClasses == null || productClasses.isEmpty()
                        || request.productClasses().stream().anyMatch(productClasses::contains));
        }
    }

    public record Rule(String name, Match when, List<String> warehouses, List<String> carriers) {
    }

    public Optional<RoutingDecision> route(RoutingRequest request) {
        for (Rule rule : rules) {
            if (rule.when() == null || rule.when().matches(request)) {
                List<String> carriers = new ArrayList<>(rule.carriers());
                // A carrier the customer asked for goes first, but only if this route allows it at all.
                if (request.requestedCarrier() != null && carriers.remove(request.requestedCarrier())) {
                    carriers.addFirst(request.requestedCarrier());
                }
                return Optional.of(new RoutingDecision(rule.name(), List.copyOf(rule.warehouses()), List.copyOf(carriers)));
            }
        }
        return Optional.empty();
    }

    /**
     * The service levels that would route this request, all else equal. When the requested level has no route but
     * others do, the service level is what the customer should change, not the address.
     */
    public List<ServiceLevel> serviceLevelsRouting(RoutingRequest request) {
        return java.util.Arrays.stream(ServiceLevel.values())
                .filter(level -> route(new RoutingRequest(request.countryCode(), request.productClasses(), level,
                        request.channel(), request.requestedCarrier())).isPresent())
                .toList();
    }

    public Warehouse warehouse(String warehouseId) {
        Warehouse warehouse = warehouses.get(warehouseId);
        if (warehouse == null) {
            throw new IllegalStateException("Warehouse " + warehouseId + " is not in the routing rules");
        }
        return warehouse;
    }

    /** Fails fast on rules that could never route correctly: unknown warehouses, no carriers, duplicate names. */
    public RoutingRules validated() {
        if (warehouses == null || warehouses.isEmpty() || rules == null || rules.isEmpty()) {
            throw new IllegalStateException("Routing rules need at least one warehouse and one rule");
        }
        warehouses.forEach((id, w) -> {
            if (w.partnerId() == null || w.link() == null) {
                throw new IllegalStateException("Warehouse " + id + " needs a partnerId and a link (REST or FILE)");
            }
        });
        Set<String> names = new LinkedHashSet<>();
        for (Rule rule : rules) {
            if (rule.name() == null || !names.add(rule.name())) {
                throw new IllegalStateException("Every routing rule needs a unique name: " + rule.name());
            }
            if (rule.warehouses() == null || rule.warehouses().isEmpty() || rule.carriers() == null || rule.carriers().isEmpty()) {
                throw new IllegalStateException("Routing rule " + rule.name() + " needs warehouses and carriers");
            }
            for (String warehouse : rule.warehouses()) {
                if (!warehouses.containsKey(warehouse)) {
                    throw new IllegalStateException("Routing rule " + rule.name() + " names unknown warehouse " + warehouse);
                }
            }
        }
        return this;
    }
}
