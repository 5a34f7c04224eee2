package io.waybill.billing.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.waybill.billing.BillingDatabase.count;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class BillingEndpointsRefuseWrongCallersTest {

    private static final String AUDIENCE = "billing-service";

    @Test
    void noTokenOrAForeignTokenIsUnauthorized() {
        given().when().get("/invoices/" + UUID.randomUUID()).then().statusCode(401);
        given().contentType(ContentType.JSON).body(bill("dhl", "X-1"))
                .when().post("/carrier-bills").then().statusCode(401);
        given().when().get("/ops/margins").then().statusCode(401);
        given().auth().oauth2(Tokens.client("order-service", "finance", "billing.read"))
                .when().get("/invoices/" + UUID.randomUUID()).then().statusCode(401);
        given().auth().oauth2(Tokens.forAudience(AUDIENCE).scopes("billing.read").expiredSecondsAgo(600).sign())
                .when().get("/invoices/" + UUID.randomUUID()).then().statusCode(401);
        given().auth().oauth2(Tokens.forAudience(AUDIENCE).scopes("billing.read").issuer("https://evil").sign())
                .when().get("/invoices/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void eachEndpointNeedsItsScope() {
        String reader = Tokens.client(AUDIENCE, "portal-api", "billing.read");
        String finance = Tokens.client(AUDIENCE, "finance", "billing.write");
        String customer = Tokens.customer(AUDIENCE, "CUST-ACME");

        given().auth().oauth2(customer).when().get("/invoices/" + UUID.randomUUID())
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(reader).contentType(ContentType.JSON).body(bill("dhl", "X-2"))
                .when().post("/carrier-bills").then().statusCode(403);
        given().auth().oauth2(reader).contentType(ContentType.JSON).body("{\"reason\": \"x\"}")
                .when().post("/invoices/" + UUID.randomUUID() + "/credit-notes").then().statusCode(403);
        // Margins and the review queue are internal: finance writing bills does not see them.
        given().auth().oauth2(finance).when().get("/ops/margins").then().statusCode(403);
        given().auth().oauth2(finance).when().get("/disputes").then().statusCode(403);
        given().auth().oauth2(finance).contentType(ContentType.JSON).body("{\"note\": \"x\"}")
                .when().post("/disputes/" + UUID.randomUUID() + "/accept").then().statusCode(403);
        given().auth().oauth2(reader).when().get("/rate-agreements/CUST-ACME").then().statusCode(403);
        given().auth().oauth2(reader).when().get("/invoices/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aCarrierSubmitsAndReadsOnlyItsOwnBills() {
        String dhl = Tokens.partner(AUDIENCE, "dhl", "billing.write");
        String ups = Tokens.partner(AUDIENCE, "ups", "billing.write");
        String number = "UPS-" + UUID.randomUUID();

        given().auth().oauth2(dhl).contentType(ContentType.JSON).body(bill("ups", number))
                .when().post("/carrier-bills")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(dhl).contentType("text/csv")
                .body("invoice_number,invoice_date,currency,tracking_number,charge_code,amount\n"
                        + number + ",2026-11-24,EUR,1Z1,FREIGHT,1.00\n")
                .when().post("/carrier-bills/batches/ups")
                .then().statusCode(403);
        assertEquals(0, count("SELECT count(*) FROM carrier_bill WHERE carrier_invoice_number = ?", number));

        String billId = given().auth().oauth2(ups).contentType(ContentType.JSON).body(bill("ups", number))
                .when().post("/carrier-bills")
                .then().statusCode(201).extract().path("billId");
        given().auth().oauth2(ups).when().get("/carrier-bills/" + billId)
                .then().statusCode(200).body("carrierId", equalTo("ups"));
        // Another carrier's bill does not exist for DHL.
        given().auth().oauth2(dhl).when().get("/carrier-bills/" + billId)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.client(AUDIENCE, "ops-anna", "billing.audit"))
                .when().get("/carrier-bills/" + billId).then().statusCode(200);
    }

    @Test
    void rateAgreementsAreValidatedAndVersioned() {
        String finance = Tokens.client(AUDIENCE, "finance", "billing.write");
        String customerId = "CUST-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(finance).contentType(ContentType.JSON)
                .body(agreement("7.405", "XX"))
                .when().put("/rate-agreements/" + customerId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("baseRates[0].price", "zones.XX"));
        given().auth().oauth2(finance).contentType(ContentType.JSON)
                .body(agreement("7.40", "DE"))
                .when().put("/rate-agreements/" + customerId)
                .then().statusCode(200).body("revision", equalTo(1));
        given().auth().oauth2(finance).contentType(ContentType.JSON)
                .body(agreement("7.90", "DE"))
                .when().put("/rate-agreements/" + customerId)
                .then().statusCode(200).body("revision", equalTo(2))
                .body("terms.baseRates[0].price", equalTo(7.90f));
    }

    private static String agreement(String price, String country) {
        return """
                {"currency": "EUR", "billingTerms": "PER_SHIPMENT", "paymentTermDays": 30, "fuelSurchargePercent": 8.5,
                 "zones": {"%s": "Z1"}, "defaultZone": "Z2",
                 "baseRates": [{"serviceLevel": "STANDARD", "zone": "Z1", "upToKg": 5, "price": %s}],
                 "accessorials": {"RESIDENTIAL": 3.50}}""".formatted(country, price);
    }

    private static String bill(String carrierId, String number) {
        return """
                {"carrierId": "%s", "carrierInvoiceNumber": "%s", "invoiceDate": "2026-11-24", "currency": "EUR",
                 "lines": [{"trackingNumber": "1Z-UNKNOWN", "code": "FREIGHT", "amount": 5.00}]}"""
                .formatted(carrierId, number);
    }
}
