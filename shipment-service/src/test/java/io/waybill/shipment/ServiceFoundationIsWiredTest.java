package io.waybill.shipment;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.shipment.support.CarrierTestServers;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CarrierTestServers.class)
class ServiceFoundationIsWiredTest {

    @Test
    void readinessCoversDatabaseBrokerAndOutbox() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("outbox relay"));
    }

    @Test
    void shipmentsAndCarriersNeedAToken() {
        given().when().get("/shipments/shp-1").then().statusCode(401);
        given().when().get("/carriers").then().statusCode(401);
        given().auth().oauth2(Tokens.client("order-service", "ops", "shipments.read"))
                .when().get("/carriers").then().statusCode(401);
        given().auth().oauth2(Tokens.client("shipment-service", "ops", "shipments.read"))
                .when().get("/carriers").then().statusCode(200)
                .body("carrierId", hasItems("easypost", "parcelly", "swiftpost"));
    }
}
