package io.waybill.foundation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.waybill.foundation.testapp.ScanLedger;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class StateChangeAndEventCommitTogetherTest extends FoundationTestBase {

    @Inject
    ScanLedger ledger;

    @Test
    void committedChangeIsPublishedAndMarkedSentOnlyAfterTheBrokerAcceptedIt() {
        String parcel = newParcel();
        scan(parcel, 1);

        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.appliedSequences(parcel).size() == 1);
        assertEquals(1, ledger.scansRecorded(parcel));
        assertEquals(1, ledger.outboxMessages(parcel));
        await().atMost(Duration.ofSeconds(5)).until(() -> ledger.unpublished(parcel) == 0);
    }

    @Test
    void rolledBackChangeLeavesNeitherStateNorEvent() {
        String parcel = newParcel();
        given().contentType(ContentType.JSON)
                .body("{\"parcelId\":\"" + parcel + "\",\"sequence\":1,\"failAfterAppend\":true}")
                .when().post("/test/parcel-scans")
                .then().statusCode(409).contentType("application/problem+json");
        // A later scan of the same parcel travels in the same AMQP group, behind the refused one had it existed.
        scan(parcel, 2);

        await().atMost(Duration.ofSeconds(20)).until(() -> !ledger.appliedSequences(parcel).isEmpty());
        assertEquals(List.of(2), ledger.appliedSequences(parcel));
        assertEquals(1, ledger.scansRecorded(parcel));
        assertEquals(1, ledger.outboxMessages(parcel));
    }

    @Test
    void oneParcelsEventsAreHandledInTheOrderTheyHappened() {
        String parcel = newParcel();
        IntStream.rangeClosed(1, 30).forEach(sequence -> scan(parcel, sequence));

        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.appliedSequences(parcel).size() == 30);
        assertEquals(IntStream.rangeClosed(1, 30).boxed().toList(), ledger.appliedSequences(parcel));
    }
}
