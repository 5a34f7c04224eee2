package io.waybill.systemtests;

import io.restassured.response.Response;
import io.waybill.localstack.Suite;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every service started from its packaged jar, on the real PostgreSQL, the secured Artemis and Keycloak with the
 * Waybill realm, as {@code ./run} starts them: each reports ready with its database, broker, outbox and OIDC provider checks, and a
 * request with a token from Keycloak reaches it while one without is refused.
 */
class TheWholeSuiteRunsOnRealInfrastructureTest {

    private final Suite suite = Suite.shared();

    @TestFactory
    Stream<DynamicTest> everyServiceIsReadyWithItsDatabaseBrokerOutboxAndOidcChecks() {
        return Suite.SERVICES.stream().map(service -> DynamicTest.dynamicTest(service, () -> {
            Response ready = given().get(suite.url(service) + "/q/health/ready");
            ready.then().statusCode(200).body("status", equalTo("UP"));
            List<String> checks = ready.jsonPath().getList("checks.name");
            assertTrue(checks.stream().anyMatch(name -> name.contains("PostgreSQL")), service + ": " + checks);
            assertTrue(checks.stream().anyMatch(name -> name.contains("Messaging")), service + ": " + checks);
            assertTrue(checks.contains("outbox relay"), service + ": " + checks);
            assertTrue(checks.contains("OIDC Provider Health Check"), service + ": " + checks);
        }));
    }

    @TestFactory
    Stream<DynamicTest> aRequestWithAKeycloakTokenReachesEveryServiceAndOneWithoutIsRefused() {
        String operator = suite.userToken("waybill-ops", "ops");
        return Suite.SERVICES.stream().map(service -> DynamicTest.dynamicTest(service, () -> {
            given().get(suite.url(service) + "/admin/dead-letters").then().statusCode(401);
            given().auth().oauth2(operator).get(suite.url(service) + "/admin/dead-letters").then().statusCode(200);
        }));
    }

    @Test
    void aChannelTokenIsScopedToWhatAChannelMayDo() {
        String webshop = suite.clientToken("webshop");
        given().auth().oauth2(webshop).get(suite.url("order-service") + "/orders/no-such-order")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(webshop).get(suite.url("order-service") + "/admin/dead-letters")
                .then().statusCode(403);
        // A channel token is not meant for billing at all.
        given().auth().oauth2(webshop).get(suite.url("billing-service") + "/invoices/00000000-0000-0000-0000-000000000000")
                .then().statusCode(401);
    }

    @Test
    void theDemoDataIsThereForACustomerToSee() {
        String alice = suite.userToken("waybill-portal", "alice");
        given().auth().oauth2(alice).get(suite.url("portal-api") + "/me/orders")
                .then().statusCode(200);
        given().auth().oauth2(suite.clientToken("webshop"))
                .get(suite.url("inventory-service") + "/availability?sku=SKU-STRETCH-FILM")
                .then().statusCode(200).body("[0].warehouses.warehouseId", hasItems("WH-BERLIN", "WH-ROTTERDAM"));
    }
}
