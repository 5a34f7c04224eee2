package io.waybill.partners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.waybill.testsupport.RealKeycloak;
import io.waybill.testsupport.WaybillInfrastructure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator onboards a carrier and the carrier's credentials behave as promised, on the real Keycloak: its
 * token carries its partner_id and exactly its role's scopes; a rotated secret replaces the old one at once; a
 * revoked partner cannot obtain a token any more.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(value = RealKeycloak.class, restrictToAnnotatedClass = true)
class PartnerLifecycleOnARealKeycloakTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String operator() {
        return RealKeycloak.userToken("waybill-ops", "ops", "local-dev-only-ops");
    }

    @Test
    void aRegisteredCarrierGetsExactlyItsScopesThenRotationAndRevocationTakeEffectAtOnce() throws Exception {
        String partnerId = "swift-parcel-" + System.nanoTime() % 100000;
        Response registered = given().auth().oauth2(operator()).contentType(ContentType.JSON)
                .body("{\"partnerId\":\"" + partnerId + "\",\"displayName\":\"Swift Parcel\",\"role\":\"CARRIER\"}")
                .when().post("/partners");
        registered.then().statusCode(201).body("clientId", equalTo(partnerId))
                .body("scopes", hasItems("shipments.tracking.write"));
        String firstSecret = registered.path("clientSecret");

        JsonNode claims = claimsOf(RealKeycloak.clientCredentials(partnerId, firstSecret)
                .then().statusCode(200).extract().path("access_token"));
        assertEquals(partnerId, claims.get("partner_id").asText());
        Set<String> scopes = Set.of(claims.get("scope").asText().split(" "));
        assertTrue(scopes.contains("shipments.tracking.write"), scopes.toString());
        assertTrue(scopes.stream().noneMatch(s -> s.startsWith("orders.") || s.startsWith("billing.")
                || s.startsWith("inventory.") || s.equals("partners.manage")), "more than a carrier needs: " + scopes);
        assertTrue(claims.get("aud").toString().contains("shipment-service"), claims.get("aud").toString());

        String secondSecret = given().auth().oauth2(operator())
                .when().post("/partners/" + partnerId + "/credentials/rotate")
                .then().statusCode(200).extract().path("clientSecret");
        RealKeycloak.clientCredentials(partnerId, firstSecret).then().statusCode(401);
        RealKeycloak.clientCredentials(partnerId, secondSecret).then().statusCode(200);

        given().auth().oauth2(operator()).when().post("/partners/" + partnerId + "/revoke")
                .then().statusCode(200).body("status", equalTo("REVOKED"));
        int afterRevocation = RealKeycloak.clientCredentials(partnerId, secondSecret).statusCode();
        assertTrue(afterRevocation == 400 || afterRevocation == 401, "revoked partner got a token: " + afterRevocation);

        given().auth().oauth2(operator()).when().post("/partners/" + partnerId + "/credentials/rotate")
                .then().statusCode(409).body("type", equalTo("https://waybill.io/problems/partner-revoked"));
        given().auth().oauth2(operator()).queryParam("entityType", "partner").queryParam("entityId", partnerId)
                .when().get("/admin/audit").then().statusCode(200)
                .body("action", equalTo(java.util.List.of("registered", "credentials-rotated", "revoked")))
                .body("actor", equalTo(java.util.List.of("ops", "ops", "ops")));
    }

    @Test
    void registeringTheSamePartnerTwiceIsAConflictAndBadInputNamesTheField() {
        String partnerId = "north-3pl-" + System.nanoTime() % 100000;
        String body = "{\"partnerId\":\"" + partnerId + "\",\"displayName\":\"North\",\"role\":\"REST_3PL\"}";
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body(body).post("/partners").then().statusCode(201);
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body(body).post("/partners")
                .then().statusCode(409).contentType("application/problem+json");

        given().auth().oauth2(operator()).contentType(ContentType.JSON)
                .body("{\"partnerId\":\"Bad Id!\",\"displayName\":\"X\",\"role\":\"CARRIER\"}").post("/partners")
                .then().statusCode(422).body("errors[0].field", equalTo("partnerId"));
        given().auth().oauth2(operator()).contentType(ContentType.JSON)
                .body("{\"partnerId\":\"ok-id\",\"displayName\":\"X\",\"role\":\"ADMIN\"}").post("/partners")
                .then().statusCode(400).body("errors[0].field", equalTo("role"));
    }

    @Test
    void onlyOperatorsOnboardPartners() {
        String customer = RealKeycloak.userToken("waybill-portal", "alice", "local-dev-only-alice");
        given().auth().oauth2(customer).contentType(ContentType.JSON)
                .body("{\"partnerId\":\"sneaky\",\"displayName\":\"X\",\"role\":\"CARRIER\"}").post("/partners")
                .then().statusCode(401);
        given().when().get("/partners").then().statusCode(401);
    }

    private static JsonNode claimsOf(String jwt) throws Exception {
        String payload = jwt.split("\\.")[1];
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }
}
