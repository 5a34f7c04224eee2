package io.waybill.foundation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventStream;
import io.waybill.foundation.testapp.ParcelScanHandler;
import io.waybill.foundation.testapp.ScanLedger;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class FailedMessagesGoToTheDeadLetterStoreAndCanBeReplayedTest extends FoundationTestBase {

    private static final String OPERATOR = Tokens.client("foundation-test", "ops", "ops.dead-letters");

    @Inject
    ScanLedger ledger;

    @Inject
    @Channel("raw-events")
    MutinyEmitter<JsonObject> raw;

    @Test
    void aMessageThatKeepsFailingIsDeadLetteredThenReplayedOnceFixed() {
        String parcel = newParcel();
        ParcelScanHandler.POISONED.add(parcel);
        String eventId = scan(parcel, 1).id();

        Map<String, Object> letter = await().atMost(Duration.ofSeconds(20))
                .until(() -> findOpenLetter(eventId), l -> l != null);
        assertEquals("foundation-test.parcel-scans", letter.get("consumer"));
        assertEquals(3, letter.get("attempts"));
        assertEquals(List.of(), ledger.appliedSequences(parcel));

        // The operator fixes the cause (here: the hub becomes known) and replays.
        ParcelScanHandler.POISONED.remove(parcel);
        given().auth().oauth2(OPERATOR).when().post("/admin/dead-letters/" + letter.get("id") + "/replay")
                .then().statusCode(200).body("status", equalTo("REPLAYED"));
        assertEquals(List.of(1), ledger.appliedSequences(parcel));

        given().auth().oauth2(OPERATOR).when().post("/admin/dead-letters/" + letter.get("id") + "/replay")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://waybill.io/problems/dead-letter-not-open"));
        assertEquals(List.of(1), ledger.appliedSequences(parcel));
    }

    @Test
    void aMessageThatIsNotAnEventIsKeptForInspectionAndCannotBeReplayed() {
        String marker = "not-an-event-" + System.nanoTime();
        raw.sendMessage(Message.of(new JsonObject().put("garbage", marker)).addMetadata(OutgoingAmqpMetadata.builder()
                        .withAddress(EventStream.ORDERS.address()).withDurable(true).build()))
                .await().atMost(Duration.ofSeconds(10));

        Map<String, Object> letter = await().atMost(Duration.ofSeconds(20)).until(() -> openLetters().stream()
                .filter(l -> String.valueOf(l.get("payload")).contains(marker)).findFirst().orElse(null), l -> l != null);
        given().auth().oauth2(OPERATOR).when().post("/admin/dead-letters/" + letter.get("id") + "/replay")
                .then().statusCode(409).body("type", equalTo("https://waybill.io/problems/dead-letter-unreadable"));
        given().auth().oauth2(OPERATOR).when().post("/admin/dead-letters/" + letter.get("id") + "/discard")
                .then().statusCode(200).body("status", equalTo("DISCARDED"));
    }

    @Test
    void deadLettersAreOnlyForOperators() {
        given().when().get("/admin/dead-letters").then().statusCode(401);
        given().auth().oauth2(Tokens.client("foundation-test", "webshop", "orders.write"))
                .when().get("/admin/dead-letters").then().statusCode(403);
        given().auth().oauth2(Tokens.client("another-service", "ops", "ops.dead-letters"))
                .when().get("/admin/dead-letters").then().statusCode(401);
    }

    private Map<String, Object> findOpenLetter(String messageId) {
        return openLetters().stream().filter(l -> messageId.equals(l.get("messageId"))).findFirst().orElse(null);
    }

    private List<Map<String, Object>> openLetters() {
        Response response = given().auth().oauth2(OPERATOR).when().get("/admin/dead-letters?size=500");
        response.then().statusCode(200);
        return response.jsonPath().getList("$");
    }
}
