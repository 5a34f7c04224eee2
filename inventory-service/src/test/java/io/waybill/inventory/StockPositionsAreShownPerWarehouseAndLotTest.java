package io.waybill.inventory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.foundation.inbox.InboundEvents;
import io.waybill.inventory.messaging.OrderRequestsHandler;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.waybill.inventory.support.Inventory.BERLIN;
import static io.waybill.inventory.support.Inventory.ROTTERDAM;
import static io.waybill.inventory.support.Inventory.deliver;
import static io.waybill.inventory.support.Inventory.line;
import static io.waybill.inventory.support.Inventory.newOrderId;
import static io.waybill.inventory.support.Inventory.newSku;
import static io.waybill.inventory.support.Inventory.number;
import static io.waybill.inventory.support.Inventory.reader;
import static io.waybill.inventory.support.Inventory.receive;
import static io.waybill.inventory.support.Inventory.reservationRequest;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code GET /inventory/positions}: one position per SKU, warehouse and lot (lot-less stock first), each with what is
 * on hand, what orders hold and what is still available; receipts into a lot add to it, a reservation holds stock of
 * the lot it took.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class StockPositionsAreShownPerWarehouseAndLotTest {

    @Inject
    InboundEvents inbound;

    @Inject
    OrderRequestsHandler orders;

    @Test
    void eachLotOfEachWarehouseIsAPositionWithItsOwnFigures() {
        String sku = newSku();
        receive(ROTTERDAM, sku, "L2", 6);
        receive(ROTTERDAM, sku, null, 2);
        receive(ROTTERDAM, sku, "L1", 4);
        receive(BERLIN, sku, "L1", 5);
        receive(BERLIN, sku, "L1", 1);
        // Berlin holds only lot L1: an order served from Berlin can only take from it.
        deliver(inbound, orders, reservationRequest(newOrderId(), false, List.of(BERLIN), line("1", sku, 4)));

        assertEquals(List.of(
                        "WH-BERLIN L1 6 4 2",
                        "WH-ROTTERDAM - 2 0 2",
                        "WH-ROTTERDAM L1 4 0 4",
                        "WH-ROTTERDAM L2 6 0 6"),
                positions(Map.of("sku", sku)));
        assertEquals(List.of("WH-ROTTERDAM - 2 0 2", "WH-ROTTERDAM L1 4 0 4", "WH-ROTTERDAM L2 6 0 6"),
                positions(Map.of("sku", sku, "warehouse", ROTTERDAM)));
        given().auth().oauth2(reader()).queryParam("sku", sku).get("/inventory/positions").then().statusCode(200)
                .body("unit", hasItem("EACH"));
    }

    @Test
    void anUnknownOrMissingSkuIsNamed() {
        given().auth().oauth2(reader()).queryParam("sku", "SKU-NOT-STOCKED").get("/inventory/positions").then()
                .statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("sku"));
        given().auth().oauth2(reader()).get("/inventory/positions").then()
                .statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("sku"));
    }

    /** "warehouse lot onHand reserved available", lot "-" for lot-less stock, in the API's order. */
    private static List<String> positions(Map<String, String> query) {
        List<Map<String, Object>> rows = given().auth().oauth2(reader()).queryParams(query)
                .get("/inventory/positions").then().statusCode(200).extract().jsonPath().getList("$");
        return rows.stream().map(p -> p.get("warehouseId") + " " + (p.get("lot") == null ? "-" : p.get("lot")) + " "
                + number(p.get("onHand")).stripTrailingZeros().toPlainString() + " "
                + number(p.get("reserved")).stripTrailingZeros().toPlainString() + " "
                + number(p.get("available")).stripTrailingZeros().toPlainString()).toList();
    }
}
