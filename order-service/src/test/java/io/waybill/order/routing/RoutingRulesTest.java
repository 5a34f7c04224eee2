package io.waybill.order.routing;

import io.waybill.model.order.ServiceLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routing is data: the default file routes as documented, an operator's file replaces it, a broken one is refused. */
class RoutingRulesTest {

    private final RoutingRules defaults = load(Optional.empty());

    @Test
    void expressToGermanyShipsFromBerlinWithExpressCarriers() {
        RoutingDecision route = defaults.route(new RoutingRequest("DE", Set.of("GENERAL"), ServiceLevel.EXPRESS, "webshop", null)).orElseThrow();
        assertEquals("next-day-germany", route.rule());
        assertEquals(List.of("WH-BERLIN"), route.warehouses());
        assertEquals(List.of("swiftpost", "parcelly"), route.carriers());
    }

    @Test
    void anOrderWithOneHazardousProductTakesTheHazmatRoute() {
        RoutingDecision route = defaults.route(new RoutingRequest("DE", Set.of("GENERAL", "HAZMAT"), ServiceLevel.STANDARD, "webshop", null)).orElseThrow();
        assertEquals("hazmat-road-only", route.rule());
    }

    @Test
    void aRequestedCarrierGoesFirstOnlyIfTheRouteAllowsIt() {
        RoutingRequest withUps = new RoutingRequest("DE", Set.of("GENERAL"), ServiceLevel.STANDARD, "webshop", "parcelly");
        assertEquals(List.of("parcelly", "swiftpost", "easypost"), defaults.route(withUps).orElseThrow().carriers());
        RoutingRequest withUnknown = new RoutingRequest("DE", Set.of("GENERAL"), ServiceLevel.STANDARD, "webshop", "pony-express");
        assertEquals(List.of("swiftpost", "parcelly", "easypost"), defaults.route(withUnknown).orElseThrow().carriers());
    }

    @Test
    void marketplaceEconomyOrdersFollowTheirChannelRule() {
        RoutingDecision route = defaults.route(new RoutingRequest("FR", Set.of("GENERAL"), ServiceLevel.ECONOMY, "marketplace", null)).orElseThrow();
        assertEquals("marketplace-economy", route.rule());
        assertEquals(List.of("WH-ROTTERDAM", "WH-BERLIN"), route.warehouses());
    }

    @Test
    void theServiceLevelsThatWouldRouteAnUnroutableRequestAreKnown() {
        RoutingRequest marketplaceToBrazil = new RoutingRequest("BR", Set.of("GENERAL"), ServiceLevel.STANDARD, "marketplace", null);
        assertTrue(defaults.route(marketplaceToBrazil).isEmpty());
        assertEquals(List.of(ServiceLevel.ECONOMY), defaults.serviceLevelsRouting(marketplaceToBrazil));
        assertEquals(List.of(), defaults.serviceLevelsRouting(
                new RoutingRequest("BR", Set.of("GENERAL"), ServiceLevel.STANDARD, "webshop", null)));
    }

    @Test
    void aCountryNoRuleCoversHasNoRoute() {
        assertTrue(defaults.route(new RoutingRequest("BR", Set.of("GENERAL"), ServiceLevel.STANDARD, "webshop", null)).isEmpty());
    }

    @Test
    void anOperatorsFileReplacesTheDefaults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("routing.yaml");
        Files.writeString(file, """
                warehouses:
                  WH-MAD: {partnerId: iberia-3pl, link: FILE}
                rules:
                  - name: everything-from-madrid
                    warehouses: [WH-MAD]
                    carriers: [seur]
                """);
        RoutingRules rules = load(Optional.of(file));
        RoutingDecision route = rules.route(new RoutingRequest("DE", Set.of("GENERAL"), ServiceLevel.EXPRESS, "webshop", null)).orElseThrow();
        assertEquals(List.of("WH-MAD"), route.warehouses());
        assertEquals("iberia-3pl", rules.warehouse("WH-MAD").partnerId());
    }

    @Test
    void aRuleNamingAnUnknownWarehouseStopsTheStart(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("routing.yaml");
        Files.writeString(file, """
                warehouses:
                  WH-MAD: {partnerId: iberia-3pl, link: FILE}
                rules:
                  - name: typo
                    warehouses: [WH-MDA]
                    carriers: [seur]
                """);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> load(Optional.of(file)));
        assertTrue(refused.getMessage().contains("WH-MDA"), refused.getMessage());
    }

    @Test
    void aMisspelledConditionStopsTheStart(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("routing.yaml");
        Files.writeString(file, """
                warehouses:
                  WH-MAD: {partnerId: iberia-3pl, link: FILE}
                rules:
                  - name: typo
                    when: {country: [ES]}
                    warehouses: [WH-MAD]
                    carriers: [seur]
                """);
        assertThrows(RuntimeException.class, () -> load(Optional.of(file)));
    }

    private static RoutingRules load(Optional<Path> path) {
        RoutingRulesLoader loader = new RoutingRulesLoader();
        loader.rulesPath = path;
        return loader.rules();
    }
}
