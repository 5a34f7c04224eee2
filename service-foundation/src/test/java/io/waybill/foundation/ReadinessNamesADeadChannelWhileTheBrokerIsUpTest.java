package io.waybill.foundation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventStream;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A channel can die while the broker is fine (a consumer's stream failed for good). The service then silently stops
 * consuming, so readiness must say DOWN, name the channel, and leave liveness alone: restarting the pod is an
 * operator's call, not Kubernetes' reflex. The relay, which is not stuck, stays UP.
 */
@QuarkusTest
@TestProfile(ReadinessNamesADeadChannelWhileTheBrokerIsUpTest.DeadChannel.class)
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ReadinessNamesADeadChannelWhileTheBrokerIsUpTest {

    /** A queue nothing else in the foundation's tests reads. */
    private static final String QUEUE = EventStream.BILLING.queueFor(EventStream.Services.ODOO_CONNECTOR);

    public static class DeadChannel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "foundation-test.dead-channel", "true",
                    "mp.messaging.incoming.doomed.connector", "smallrye-amqp",
                    "mp.messaging.incoming.doomed.address", QUEUE,
                    "mp.messaging.incoming.doomed.failure-strategy", "fail");
        }
    }

    @Inject
    @Channel("raw-events")
    MutinyEmitter<JsonObject> raw;

    @Test
    void readinessGoesDownNamingTheDeadChannelWhileLivenessStaysUp() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().when().get("/q/health/ready").statusCode() == 200);

        raw.sendMessage(Message.of(new JsonObject().put("poison", true)).addMetadata(OutgoingAmqpMetadata.builder()
                        .withAddress(EventStream.BILLING.address()).withDurable(true).build()))
                .await().atMost(Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().when().get("/q/health/ready").statusCode() == 503);
        assertTrue(WaybillInfrastructure.broker().isRunning());
        Set<String> down = BrokerRestartLosesNothingTest.checks("/q/health/ready", "DOWN");
        assertEquals(1, down.size(), "only the messaging check: " + down);
        assertTrue(down.iterator().next().contains("Messaging"), down.toString());
        List<Map<String, Object>> checks = given().when().get("/q/health/ready").then().extract().jsonPath().getList("checks");
        Map<String, Object> messaging = checks.stream().filter(c -> "DOWN".equals(c.get("status"))).findFirst().orElseThrow();
        assertTrue(String.valueOf(messaging.get("data")).contains("doomed"), "names the channel: " + messaging);
        assertTrue(BrokerRestartLosesNothingTest.checks("/q/health/ready", "UP")
                .contains(BrokerRestartLosesNothingTest.OUTBOX_CHECK));
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
