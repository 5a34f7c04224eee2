package io.waybill.inventory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ServiceFoundationIsWiredTest {

    @Test
    void readinessCoversDatabaseBrokerAndOutbox() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("outbox relay"));
    }

    @Test
    void deadLettersNeedAnOperatorToken() {
        given().when().get("/admin/dead-letters").then().statusCode(401);
        given().auth().oauth2(Tokens.client("inventory-service", "webshop", "inventory.read"))
                .when().get("/admin/dead-letters").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.client("inventory-service", "ops", "ops.dead-letters"))
                .when().get("/admin/dead-letters").then().statusCode(200);
    }
}
