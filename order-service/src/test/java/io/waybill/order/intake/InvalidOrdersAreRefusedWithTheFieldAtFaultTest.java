package io.waybill.order.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.waybill.order.support.Acme3plStub;
import io.waybill.order.support.Database;
import io.waybill.testsupport.WaybillInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.waybill.order.support.Orders.*;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(Acme3plStub.class)
class InvalidOrdersAreRefusedWithTheFieldAtFaultTest {

    @Test
    void unknownSkuNamesTheLine() {
        Map<String, Object> body = order(customer(), "DE", "STANDARD", product("GENERAL"), "NO-SUCH-SKU");
        refused(body, 422).body("errors.field", hasItem("lines[1].sku"));
        assertEquals(0, Database.count("SELECT count(*) FROM customer_order WHERE source_reference = ?",
                body.get("sourceReference")), "nothing half-written");
    }

    @Test
    void negativeQuantityNamesTheLineQuantity() {
        Map<String, Object> body = order(customer(), "DE", "STANDARD", product("GENERAL"));
        line(body).put("quantity", -3);
        refused(body, 422).body("errors.field", hasItem("lines[0].quantity"));
    }

    @Test
    void fractionalEachesNameTheLineQuantity() {
        Map<String, Object> body = order(customer(), "DE", "STANDARD", product("GENERAL"));
        line(body).put("quantity", 1.5);
        refused(body, 422).body("errors.field", hasItem("lines[0].quantity"));
    }

    @Test
    void unknownCustomerNamesCustomerId() {
        refused(order("NO-SUCH-CUSTOMER", "DE", "STANDARD", product("GENERAL")), 422)
                .body("type", equalTo("https://waybill.io/problems/order-rejected"))
                .body("errors.field", hasItem("customerId"));
    }

    @Test
    void unknownFieldIsNamed() {
        Map<String, Object> body = order(customer(), "DE", "STANDARD", product("GENERAL"));
        body.put("giftWrap", true);
        refused(body, 400).body("errors.field", hasItem("giftWrap"));
    }

    @Test
    void wrongTypeIsNamed() {
        Map<String, Object> body = order(customer(), "DE", "STANDARD", product("GENERAL"));
        line(body).put("quantity", "two");
        refused(body, 400).body("errors.field", hasItem("lines[0].quantity"));
    }

    @Test
    void missingAddressIsNamed() {
        Map<String, Object> body = order(customer(), "DE", "STANDARD", product("GENERAL"));
        body.remove("shipTo");
        refused(body, 422).body("errors.field", hasItem("shipTo"));
    }

    @Test
    void undeliverableAddressWithoutStreetIsNamed() {
        Map<String, Object> body = order(customer(), "DE", "STANDARD", product("GENERAL"));
        @SuppressWarnings("unchecked") Map<String, Object> shipTo = (Map<String, Object>) body.get("shipTo");
        shipTo.remove("street1");
        refused(body, 422).body("errors.field", hasItem("shipTo.street1"));
    }

    @Test
    void destinationNoRouteServesIsNamed() {
        refused(order(customer(), "BR", "STANDARD", product("GENERAL")), 422)
                .body("errors.field", hasItem("shipTo.countryCode"));
    }

    @Test
    void aServiceLevelNotOfferedWhereOthersAreNamesTheServiceLevel() {
        // Marketplace orders travel outside Europe only as ECONOMY (routing-rules.yaml, marketplace-economy).
        Map<String, Object> body = order(customer(), "BR", "STANDARD", product("GENERAL"));
        body.put("channel", "marketplace");
        refused(body, 422).body("errors.field", equalTo(List.of("serviceLevel")))
                .body("errors[0].message", equalTo("service level STANDARD is not offered to BR for this order;"
                        + " offered: [ECONOMY]"));
        body.put("serviceLevel", "ECONOMY");
        given().auth().oauth2(webshop()).contentType(ContentType.JSON).body(body).post("/orders").then().statusCode(201);
    }

    @Test
    void aPostcodeNotOfTheCountrysFormatIsNamed() {
        Map<String, Object> body = order(customer(), "DE", "STANDARD", product("GENERAL"));
        shipTo(body).put("postalCode", "1011");
        refused(body, 422).body("errors.field", equalTo(List.of("shipTo.postalCode")))
                .body("errors[0].message", equalTo("'1011' is not a postcode of DE: 5 digits, e.g. 10115"));

        shipTo(body).remove("postalCode");
        refused(body, 422).body("errors.field", equalTo(List.of("shipTo.postalCode")))
                .body("errors[0].message", equalTo("is required for DE: 5 digits, e.g. 10115"));
    }

    @Test
    void aPostcodeWhereNoFormatIsKnownMustStillLookLikeOne() {
        Map<String, Object> body = order(customer(), "NO", "STANDARD", product("GENERAL"));
        shipTo(body).put("postalCode", "#");
        refused(body, 422).body("errors.field", hasItem("shipTo.postalCode"))
                .body("errors.message", hasItem("'#' is not a postcode: 2 to 10 letters, digits, spaces or dashes"));
    }

    @Test
    void aDutchPostcodeInItsOwnFormatIsAccepted() {
        Map<String, Object> body = order(customer(), "NL", "STANDARD", product("GENERAL"));
        shipTo(body).put("postalCode", "3087bm");
        given().auth().oauth2(webshop()).contentType(ContentType.JSON).body(body).post("/orders").then().statusCode(201);
    }

    @Test
    void missingServiceLevelIsNamed() {
        Map<String, Object> body = order(customer(), "DE", "STANDARD", product("GENERAL"));
        body.remove("serviceLevel");
        refused(body, 422).body("errors.field", hasItem("serviceLevel"));
    }

    @Test
    void unknownServiceLevelIsNamed() {
        refused(order(customer(), "DE", "WARP_SPEED", product("GENERAL")), 400)
                .body("errors.field", hasItem("serviceLevel"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> shipTo(Map<String, Object> body) {
        return (Map<String, Object>) body.get("shipTo");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> line(Map<String, Object> body) {
        return ((List<Map<String, Object>>) body.get("lines")).getFirst();
    }

    private static ValidatableResponse refused(Map<String, Object> body, int status) {
        return given().auth().oauth2(webshop()).contentType(ContentType.JSON).body(body)
                .post("/orders").then().statusCode(status).contentType("application/problem+json");
    }
}
