package io.waybill.foundation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.foundation.testapp.ScanLedger;
import io.waybill.infrastructure.broker.EmbeddedBroker;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker goes away mid-stream: changes keep committing (with their events in the outbox), readiness reports
 * DOWN while events cannot leave, and after the broker is back every sender and receiver reconnects by itself and
 * every event is delivered exactly once, in order. This is also the crash-between-commit-and-publish case: the
 * events sit committed and unpublished, exactly as a killed service leaves them, and the relay sends them later.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class BrokerRestartLosesNothingTest extends FoundationTestBase {

    static final String OUTBOX_CHECK = "outbox relay";

    @Inject
    ScanLedger ledger;

    @Test
    void eventsCommittedWhileTheBrokerIsDownAreDeliveredOnceAfterItReturns() {
        String parcel = newParcel();
        IntStream.rangeClosed(1, 10).forEach(sequence -> scan(parcel, sequence));
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.appliedSequences(parcel).size() == 10);

        EmbeddedBroker broker = WaybillInfrastructure.broker();
        broker.stop();
        try {
            IntStream.rangeClosed(11, 20).forEach(sequence -> scan(parcel, sequence));
            assertEquals(20, ledger.scansRecorded(parcel));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> given().when().get("/q/health/ready").statusCode() == 503);
            // DOWN for the right reason: events cannot leave (the outbox relay) and the broker's channels are
            // gone; the database is fine, and liveness stays up so Kubernetes does not restart every pod.
            Set<String> down = checks("/q/health/ready", "DOWN");
            assertTrue(down.contains(OUTBOX_CHECK), "outbox relay not DOWN: " + down);
            assertTrue(down.stream().allMatch(name -> name.equals(OUTBOX_CHECK) || name.contains("Messaging")),
                    "only the relay and the messaging channels may be DOWN: " + down);
            assertTrue(checks("/q/health/ready", "UP").stream().anyMatch(name -> name.contains("PostgreSQL")
                    || name.contains("Database") || name.contains("database")), "the database check is UP");
            given().when().get("/q/health/live").then().statusCode(200);
            assertEquals(10, ledger.appliedSequences(parcel).size());
        } finally {
            broker.restart();
        }

        IntStream.rangeClosed(21, 30).forEach(sequence -> scan(parcel, sequence));
        await().atMost(Duration.ofSeconds(60)).until(() -> ledger.appliedSequences(parcel).size() >= 30);
        assertEquals(IntStream.rangeClosed(1, 30).boxed().toList(), ledger.appliedSequences(parcel));
        assertEquals(0, ledger.unpublished(parcel));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> given().when().get("/q/health/ready").statusCode() == 200);
    }

    /** The names of the checks of a health endpoint that report the given status. */
    static Set<String> checks(String endpoint, String status) {
        List<Map<String, Object>> checks = given().when().get(endpoint).then().extract().jsonPath().getList("checks");
        return checks.stream().filter(check -> status.equals(check.get("status")))
                .map(check -> String.valueOf(check.get("name"))).collect(Collectors.toSet());
    }
}
