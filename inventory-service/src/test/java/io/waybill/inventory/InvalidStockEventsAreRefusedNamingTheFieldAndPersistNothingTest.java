package io.waybill.inventory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.waybill.inventory.support.Inventory.Figures;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.waybill.inventory.support.Inventory.ACME;
import static io.waybill.inventory.support.Inventory.AUDIENCE;
import static io.waybill.inventory.support.Inventory.BERLIN;
import static io.waybill.inventory.support.Inventory.figures;
import static io.waybill.inventory.support.Inventory.ledgerSums;
import static io.waybill.inventory.support.Inventory.newSku;
import static io.waybill.inventory.support.Inventory.reader;
import static io.waybill.inventory.support.Inventory.receive;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class InvalidStockEventsAreRefusedNamingTheFieldAndPersistNothingTest {

    private static void refused(String body, int status, String field) {
        given().auth().oauth2(Tokens.partner(AUDIENCE, ACME, "inventory.adjust"))
                .contentType(ContentType.JSON).body(body)
                .when().post("/partners/{partner}/stock-events", ACME)
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    @Test
    void unknownSkuNegativeQuantityUnknownFieldAndWrongTypeAreRefusedAndTheEventIdStaysUnused() {
        String sku = newSku();
        receive(BERLIN, sku, null, 10);
        String eventId = "acme-" + UUID.randomUUID();

        refused("""
                {"eventId":"%s","type":"RECEIPT","warehouseId":"WH-BERLIN","sku":"NO-SUCH-SKU","quantity":5}
                """.formatted(eventId), 422, "sku");
        refused("""
                {"eventId":"%s","type":"DAMAGE","warehouseId":"WH-BERLIN","sku":"%s","quantity":-5}
                """.formatted(eventId, sku), 422, "quantity");
        refused("""
                {"eventId":"%s","type":"DAMAGE","warehouseId":"WH-BERLIN","sku":"%s","quantity":5,"bin":"A-01"}
                """.formatted(eventId, sku), 400, "bin");
        refused("""
                {"eventId":"%s","type":"DAMAGE","warehouseId":"WH-BERLIN","sku":"%s","quantity":"five"}
                """.formatted(eventId, sku), 400, "quantity");
        refused("""
                {"eventId":"%s","type":"DAMAGE","warehouseId":"WH-BERLIN","sku":12345,"quantity":5}
                """.formatted(eventId), 400, "sku");
        refused("""
                {"eventId":"%s","type":"LOST_IN_SPACE","warehouseId":"WH-BERLIN","sku":"%s","quantity":5}
                """.formatted(eventId, sku), 400, "type");
        refused("""
                {"eventId":"%s","type":"DAMAGE","warehouseId":"WH-BERLIN","sku":"%s","quantity":11}
                """.formatted(eventId, sku), 422, "quantity");
        refused("""
                {"eventId":"%s","type":"PICK_SHORTAGE","warehouseId":"WH-BERLIN","sku":"%s","quantity":1}
                """.formatted(eventId, sku), 422, "orderId");

        assertTrue(figures(sku, BERLIN).same(Figures.of(10, 0, 10)), "nothing changed");
        assertTrue(ledgerSums(sku, BERLIN).same(Figures.of(10, 0, 10)), "nothing was written to the ledger");
        // The refused attempts did not use up the event id: a correct event under it is applied.
        given().auth().oauth2(Tokens.partner(AUDIENCE, ACME, "inventory.adjust"))
                .contentType(ContentType.JSON).body("""
                        {"eventId":"%s","type":"DAMAGE","warehouseId":"WH-BERLIN","sku":"%s","quantity":1}
                        """.formatted(eventId, sku))
                .when().post("/partners/{partner}/stock-events", ACME)
                .then().statusCode(200).header("Idempotent-Replayed", "false").body("onHand", equalTo(9));
    }

    @Test
    void availabilityOfAnUnknownSkuIsRefusedNamingTheField() {
        given().auth().oauth2(reader()).queryParam("sku", "NO-SUCH-SKU")
                .when().get("/availability")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("sku"));
        given().when().get("/availability?sku=X").then().statusCode(401);
    }

    @Test
    void aReceiptWithANegativeQuantityIsRefusedAndCreatesNothing() {
        String sku = newSku();
        given().auth().oauth2(Tokens.client(AUDIENCE, "ops", "inventory.adjust")).contentType(ContentType.JSON)
                .body("""
                        {"warehouseId":"WH-BERLIN","sku":"%s","quantity":-1}""".formatted(sku))
                .when().post("/inventory/positions/receipts")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("quantity"));
        given().auth().oauth2(reader()).queryParam("sku", sku)
                .when().get("/availability").then().statusCode(422);
    }
}
