package io.waybill.shipment.tracking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.shipment.support.CarrierTestServers;
import io.waybill.shipment.support.Db;
import io.waybill.shipment.support.Shipping;
import io.waybill.shipment.support.TestEvents;
import io.waybill.shipment.tracking.signature.EasyPostSignature;
import io.waybill.shipment.tracking.signature.StandardWebhooks;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CarrierTestServers.class)
class WebhookAuthenticationTest {

    private static final String AUDIENCE = "shipment-service";

    @Inject
    TestEvents events;

    private static String unknownParcelEvent() {
        return Shipping.sandboxEvent("SWP-UNKNOWN-" + UUID.randomUUID(), "HUB_SCAN", Instant.now());
    }

    @Test
    void aForgedSignatureIsRefusedAndRecorded() {
        String id = "msg_" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        String forged = StandardWebhooks.sign("whsec_" + java.util.Base64.getEncoder()
                .encodeToString("not-the-carriers-secret".getBytes(StandardCharsets.UTF_8)), id, now, unknownParcelEvent());

        Shipping.postSigned("swiftpost", id, now, forged, unknownParcelEvent()).statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://waybill.io/problems/webhook-signature-invalid"));

        assertThat(Db.count("SELECT COUNT(*) FROM webhook_rejection WHERE delivery_id = ?", id), is(1L));
        assertThat(Db.count("SELECT COUNT(*) FROM carrier_webhook WHERE delivery_id = ?", id), is(0L));
    }

    @Test
    void aBodyTamperedWithAfterSigningIsRefused() {
        String id = "msg_" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        String body = unknownParcelEvent();
        String signature = StandardWebhooks.sign(Shipping.SWIFTPOST_SECRET, id, now, body);

        Shipping.postSigned("swiftpost", id, now, signature, body.replace("HUB_SCAN", "DELIVERED")).statusCode(401);
    }

    @Test
    void aCarriersRetryOfTheSameDeliveryIsAcknowledgedAndStoredOnce() {
        String id = "msg_" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        String body = unknownParcelEvent();

        String first = Shipping.postSigned("swiftpost", id, now, StandardWebhooks.sign(Shipping.SWIFTPOST_SECRET, id,
                now, body), body).statusCode(202).extract().path("id");
        // Standard Webhooks retries keep the webhook-id and sign again with a fresh timestamp.
        String retry = Shipping.postSigned("swiftpost", id, now + 30, StandardWebhooks.sign(Shipping.SWIFTPOST_SECRET,
                id, now + 30, body), body).statusCode(202).extract().path("id");

        assertThat(retry, is(first));
        assertThat(Db.count("SELECT COUNT(*) FROM carrier_webhook WHERE delivery_id = ?", id), is(1L));
        assertThat(Db.count("SELECT COUNT(*) FROM webhook_rejection WHERE delivery_id = ?", id), is(0L));
    }

    @Test
    void aDeliveryIdReusedWithADifferentBodyIsRefusedAndRecorded() {
        String id = "msg_" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        String body = unknownParcelEvent();
        String other = unknownParcelEvent();

        Shipping.postSigned("swiftpost", id, now, StandardWebhooks.sign(Shipping.SWIFTPOST_SECRET, id, now, body), body)
                .statusCode(202);
        Shipping.postSigned("swiftpost", id, now, StandardWebhooks.sign(Shipping.SWIFTPOST_SECRET, id, now, other), other)
                .statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://waybill.io/problems/webhook-signature-invalid"));

        assertThat(Db.count("SELECT COUNT(*) FROM carrier_webhook WHERE delivery_id = ?", id), is(1L));
        assertThat(Db.one("SELECT body FROM carrier_webhook WHERE delivery_id = ?", id).get("body"), is(body));
        assertThat(Db.count("SELECT COUNT(*) FROM webhook_rejection WHERE delivery_id = ? AND reason LIKE "
                + "'%reused with a different body'", id), is(1L));
    }

    @Test
    void aStoredDeliveryReplayedWithAnOldTimestampIsRefusedAndRecorded() {
        String id = "msg_" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        long sixMinutesAgo = now - 360;
        String body = unknownParcelEvent();
        Shipping.postSigned("swiftpost", id, now, StandardWebhooks.sign(Shipping.SWIFTPOST_SECRET, id, now, body), body)
                .statusCode(202);

        // A copy captured earlier, validly signed then: same id, same body, but outside the replay window.
        Shipping.postSigned("swiftpost", id, sixMinutesAgo,
                StandardWebhooks.sign(Shipping.SWIFTPOST_SECRET, id, sixMinutesAgo, body), body).statusCode(401);

        assertThat(Db.count("SELECT COUNT(*) FROM carrier_webhook WHERE delivery_id = ?", id), is(1L));
        assertThat(Db.count("SELECT COUNT(*) FROM webhook_rejection WHERE delivery_id = ? AND reason LIKE "
                + "'webhook-timestamp outside%'", id), is(1L));
    }

    @Test
    void theSignatureCoversTheRawBodyBytesEvenWhenTheyAreNotValidUtf8() {
        String id = "msg_" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        // A description in Latin-1 ("Müller", 0xFC) as a careless carrier sends it: not valid UTF-8.
        byte[] body = unknownParcelEvent().replace("hub_scan", "M\u0000ller").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                body[i] = (byte) 0xFC;
            }
        }
        String signature = StandardWebhooks.sign(Shipping.SWIFTPOST_SECRET, id, now, body);

        given().contentType("application/json")
                .header(StandardWebhooks.ID, id)
                .header(StandardWebhooks.TIMESTAMP, String.valueOf(now))
                .header(StandardWebhooks.SIGNATURE, signature)
                .body(body)
                .when().post("/carriers/swiftpost/webhooks").then().statusCode(202);
    }

    @Test
    void easyPostRetriesTheSameEventIdAndOnlyTheSameBodyIsAcknowledged() {
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        byte[] body = ("{\"object\":\"Event\",\"id\":\"" + eventId
                + "\",\"description\":\"batch.updated\",\"result\":{\"object\":\"Batch\"}}").getBytes(StandardCharsets.UTF_8);
        byte[] altered = ("{\"object\":\"Event\",\"id\":\"" + eventId
                + "\",\"description\":\"batch.created\",\"result\":{\"object\":\"Batch\"}}").getBytes(StandardCharsets.UTF_8);

        for (int i = 0; i < 2; i++) {
            given().contentType("application/json").header(EasyPostSignature.HEADER,
                            EasyPostSignature.sign("easypost-test-webhook-secret", body)).body(body)
                    .when().post("/carriers/easypost/webhooks").then().statusCode(202);
        }
        given().contentType("application/json").header(EasyPostSignature.HEADER,
                        EasyPostSignature.sign("easypost-test-webhook-secret", altered)).body(altered)
                .when().post("/carriers/easypost/webhooks").then().statusCode(401);

        assertThat(Db.count("SELECT COUNT(*) FROM carrier_webhook WHERE delivery_id = ?", eventId), is(1L));
        assertThat(Db.count("SELECT COUNT(*) FROM webhook_rejection WHERE delivery_id = ?", eventId), is(1L));
    }

    @Test
    void aSignatureOutsideTheTimestampToleranceIsRefused() {
        String id = "msg_" + UUID.randomUUID();
        long sixMinutesAgo = Instant.now().minusSeconds(360).getEpochSecond();
        String body = unknownParcelEvent();

        Shipping.postSigned("swiftpost", id, sixMinutesAgo,
                StandardWebhooks.sign(Shipping.SWIFTPOST_SECRET, id, sixMinutesAgo, body), body).statusCode(401);
    }

    @Test
    void duringAKeyRotationEitherSecretAndSeveralSignaturesAreAccepted() {
        long now = Instant.now().getEpochSecond();
        String body = unknownParcelEvent();
        String oldKeyId = "msg_" + UUID.randomUUID();
        Shipping.postSigned("swiftpost", oldKeyId, now,
                StandardWebhooks.sign(Shipping.SWIFTPOST_OLD_SECRET, oldKeyId, now, body), body).statusCode(202);

        String bothId = "msg_" + UUID.randomUUID();
        String unknownKey = StandardWebhooks.sign("whsec_" + java.util.Base64.getEncoder()
                .encodeToString("a-key-we-do-not-have-yet".getBytes(StandardCharsets.UTF_8)), bothId, now, body);
        Shipping.postSigned("swiftpost", bothId, now,
                unknownKey + " " + StandardWebhooks.sign(Shipping.SWIFTPOST_SECRET, bothId, now, body), body).statusCode(202);
    }

    @Test
    void easyPostWebhooksAreCheckedWithEasyPostsHmac() {
        String body = "{\"object\":\"Event\",\"id\":\"evt_" + UUID.randomUUID().toString().replace("-", "")
                + "\",\"description\":\"batch.updated\",\"result\":{\"object\":\"Batch\"}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        given().contentType("application/json").header(EasyPostSignature.HEADER,
                        EasyPostSignature.sign("easypost-test-webhook-secret", bytes)).body(bytes)
                .when().post("/carriers/easypost/webhooks").then().statusCode(202);
        given().contentType("application/json").header(EasyPostSignature.HEADER,
                        EasyPostSignature.sign("guessed-secret", bytes)).body(bytes)
                .when().post("/carriers/easypost/webhooks").then().statusCode(401);
        given().contentType("application/json").body(bytes)
                .when().post("/carriers/easypost/webhooks").then().statusCode(401);
    }

    @Test
    void aCarrierWithATokenOfItsOwnNeedsNoSignature() {
        String body = unknownParcelEvent();
        given().auth().oauth2(Tokens.partner(AUDIENCE, "swiftpost", "shipments.tracking.write"))
                .contentType("application/json").body(body)
                .when().post("/carriers/swiftpost/webhooks").then().statusCode(202);
        // The same delivery again from an authenticated carrier is its retry: acknowledged, stored once.
        given().auth().oauth2(Tokens.partner(AUDIENCE, "swiftpost", "shipments.tracking.write"))
                .contentType("application/json").body(body)
                .when().post("/carriers/swiftpost/webhooks").then().statusCode(202);

        given().auth().oauth2(Tokens.partner(AUDIENCE, "parcelly", "shipments.tracking.write"))
                .contentType("application/json").body(body)
                .when().post("/carriers/swiftpost/webhooks").then().statusCode(403);
        given().auth().oauth2(Tokens.partner(AUDIENCE, "swiftpost", "shipments.read"))
                .contentType("application/json").body(body)
                .when().post("/carriers/swiftpost/webhooks").then().statusCode(403);
        given().auth().oauth2(Tokens.forAudience(AUDIENCE).scopes("shipments.tracking.write").partner("swiftpost")
                        .expiredSecondsAgo(600).sign())
                .contentType("application/json").body(body)
                .when().post("/carriers/swiftpost/webhooks").then().statusCode(401);
    }

    @Test
    void anUnknownCarrierHasNoWebhookEndpoint() {
        Shipping.postSigned("no-such-carrier", Shipping.SWIFTPOST_SECRET, unknownParcelEvent()).statusCode(404);
    }
}
