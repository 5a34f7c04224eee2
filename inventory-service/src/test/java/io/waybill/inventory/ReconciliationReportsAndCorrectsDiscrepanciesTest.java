package io.waybill.inventory;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.inventory.ReconciliationDiscrepancyFound;
import io.waybill.inventory.support.Inventory.Figures;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.waybill.inventory.support.Inventory.ACME;
import static io.waybill.inventory.support.Inventory.AUDIENCE;
import static io.waybill.inventory.support.Inventory.figures;
import static io.waybill.inventory.support.Inventory.ledgerSums;
import static io.waybill.inventory.support.Inventory.newSku;
import static io.waybill.inventory.support.Inventory.newWarehouse;
import static io.waybill.inventory.support.Inventory.published;
import static io.waybill.inventory.support.Inventory.receive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Policy under test: the default, trust the partner within 5 units, flag anything larger. */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ReconciliationReportsAndCorrectsDiscrepanciesTest {

    @Inject
    MeterRegistry registry;

    @Test
    void smallDifferencesAreCorrectedLargeOnesFlaggedAndEveryOneReported() {
        String warehouse = newWarehouse(ACME);
        String matches = newSku();
        String slightlyShort = newSku();
        String farOff = newSku();
        String notCounted = newSku();
        receive(warehouse, matches, null, 10);
        receive(warehouse, slightlyShort, "L1", 10);
        receive(warehouse, farOff, null, 20);
        receive(warehouse, notCounted, null, 3);
        double flaggedBefore = mismatches("FLAGGED");
        double correctedBefore = mismatches("CORRECTED");

        JsonPath report = given().auth().oauth2(Tokens.partner(AUDIENCE, ACME, "inventory.reconcile"))
                .contentType(ContentType.JSON)
                .body(Map.of("snapshotId", "acme-snap-1", "lines", List.of(
                        Map.of("sku", matches, "onHand", 10),
                        Map.of("sku", slightlyShort, "lot", "L1", "onHand", 8),
                        Map.of("sku", farOff, "onHand", 5),
                        Map.of("sku", "NEVER-STOCKED", "onHand", 4))))
                .when().post("/reconciliation/{warehouse}", warehouse)
                .then().statusCode(200).extract().jsonPath();

        assertEquals(5, report.getInt("positionsCompared"));
        Map<String, Map<String, Object>> bySku = new java.util.HashMap<>();
        report.<Map<String, Object>>getList("discrepancies").forEach(d -> bySku.put((String) d.get("sku"), d));
        assertEquals(4, bySku.size(), "every difference is reported, the matching position is not: " + bySku);
        assertDiscrepancy(bySku.get(slightlyShort), 10, 8, -2, "CORRECTED");
        assertDiscrepancy(bySku.get(farOff), 20, 5, 0, "FLAGGED");
        assertDiscrepancy(bySku.get(notCounted), 3, 0, -3, "CORRECTED");
        assertDiscrepancy(bySku.get("NEVER-STOCKED"), 0, 4, 0, "FLAGGED");

        assertTrue(figures(slightlyShort, warehouse).same(Figures.of(8, 0, 8)));
        assertTrue(figures(farOff, warehouse).same(Figures.of(20, 0, 20)), "a flagged difference changes nothing");
        assertTrue(figures(notCounted, warehouse).same(Figures.of(0, 0, 0)));
        assertTrue(figures(matches, warehouse).same(Figures.of(10, 0, 10)));
        assertTrue(ledgerSums(slightlyShort, warehouse).same(figures(slightlyShort, warehouse)));

        ReconciliationDiscrepancyFound event = published(InventoryEvents.RECONCILIATION_DISCREPANCY_FOUND,
                warehouse + "/" + farOff).get(0).dataAs(InventoryEvents.RECONCILIATION_DISCREPANCY_FOUND);
        assertEquals(ReconciliationDiscrepancyFound.FLAGGED, event.resolution());
        assertEquals(0, new BigDecimal("5").compareTo(event.partner()));
        assertEquals(1, published(InventoryEvents.STOCK_ADJUSTED, warehouse + "/" + slightlyShort).stream()
                .filter(e -> "RECONCILIATION".equals(e.dataAs(InventoryEvents.STOCK_ADJUSTED).reason())).count());
        assertEquals(flaggedBefore + 2, mismatches("FLAGGED"));
        assertEquals(correctedBefore + 2, mismatches("CORRECTED"));
    }

    @Test
    void aPartnerCannotReconcileAWarehouseItDoesNotRun() {
        String warehouse = newWarehouse("northwind-3pl");
        given().auth().oauth2(Tokens.partner(AUDIENCE, ACME, "inventory.reconcile"))
                .contentType(ContentType.JSON).body(Map.of("lines", List.of()))
                .when().post("/reconciliation/{warehouse}", warehouse)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.partner(AUDIENCE, ACME, "inventory.adjust"))
                .contentType(ContentType.JSON).body(Map.of("lines", List.of()))
                .when().post("/reconciliation/{warehouse}", warehouse)
                .then().statusCode(403);
    }

    private double mismatches(String resolution) {
        var counter = registry.find("waybill.reconciliation.mismatches")
                .tags("source", "partner-stock", "resolution", resolution).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void assertDiscrepancy(Map<String, Object> discrepancy, int ledger, int partner, int correction,
                                          String resolution) {
        assertEquals(0, BigDecimal.valueOf(ledger).compareTo(new BigDecimal(discrepancy.get("ledger").toString())), discrepancy.toString());
        assertEquals(0, BigDecimal.valueOf(partner).compareTo(new BigDecimal(discrepancy.get("partner").toString())), discrepancy.toString());
        assertEquals(0, BigDecimal.valueOf(correction).compareTo(new BigDecimal(discrepancy.get("correction").toString())), discrepancy.toString());
        assertEquals(resolution, discrepancy.get("resolution"));
    }
}
