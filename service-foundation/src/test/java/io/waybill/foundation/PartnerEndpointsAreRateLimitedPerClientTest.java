package io.waybill.foundation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class PartnerEndpointsAreRateLimitedPerClientTest {

    @Test
    void aClientOverItsBurstGets429WithRetryAfterWhileAnotherClientIsUnaffected() {
        String greedy = Tokens.partner("foundation-test", "greedy-carrier", "shipments.tracking.write");
        String polite = Tokens.partner("foundation-test", "polite-carrier", "shipments.tracking.write");
        int accepted = 0;
        Response refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            Response response = given().auth().oauth2(greedy).post("/test/hub-pings");
            if (response.statusCode() == 200) {
                accepted++;
            } else {
                refused = response;
            }
        }
        assertTrue(refused != null, "40 calls within the burst of 5 should have been limited");
        assertEquals(5, accepted);
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("https://waybill.io/problems/rate-limited"));
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);

        given().auth().oauth2(polite).post("/test/hub-pings").then().statusCode(200);
    }
}
