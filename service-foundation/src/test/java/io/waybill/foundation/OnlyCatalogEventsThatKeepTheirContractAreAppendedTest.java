package io.waybill.foundation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.waybill.events.EventStream;
import io.waybill.events.EventType;
import io.waybill.events.order.OrderEvents;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.foundation.testapp.ParcelScanned;
import io.waybill.foundation.testapp.ScanLedger;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox is where an event's contract is enforced: a type outside the catalog (or the test's explicit
 * declarations) never gets in, and in tests an event whose data breaks its JSON Schema is refused before it is
 * stored, taking the state change of its transaction with it.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class OnlyCatalogEventsThatKeepTheirContractAreAppendedTest extends FoundationTestBase {

    /** Named like a real type but declared nowhere: what a typo or a forgotten catalog entry produces. */
    private static final EventType<ParcelScanned> UNDECLARED =
            EventType.of("waybill.test.parcel-lost.v1", EventStream.ORDERS, ParcelScanned.class);

    @Inject
    Outbox outbox;

    @Inject
    ScanLedger ledger;

    @Test
    void aTypeOutsideTheCatalogIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> outbox.append(
                UNDECLARED, "PCL-1", new ParcelScanned("PCL-1", 1), EventContext.start(null, "CUST-TEST")));
        assertTrue(refused.getMessage().contains("not in the event catalog"), refused.getMessage());
    }

    @Test
    void aCatalogNameOnAnotherStreamIsRefused() {
        EventType<ParcelScanned> impostor =
                EventType.of(OrderEvents.ACCEPTED.name(), EventStream.SHIPMENTS, ParcelScanned.class);
        assertThrows(IllegalArgumentException.class, () -> outbox.append(
                impostor, "PCL-1", new ParcelScanned("PCL-1", 1), EventContext.start(null, "CUST-TEST")));
    }

    @Test
    void anEventWhoseDataBreaksItsSchemaIsRefusedWithItsStateChange() {
        String parcel = newParcel();
        // The schema requires sequence >= 1.
        given().contentType(ContentType.JSON)
                .body("{\"parcelId\":\"" + parcel + "\",\"sequence\":0,\"failAfterAppend\":false}")
                .when().post("/test/parcel-scans")
                .then().statusCode(greaterThanOrEqualTo(500));
        assertEquals(0, ledger.scansRecorded(parcel));
        assertEquals(0, ledger.outboxMessages(parcel));
    }

    @Test
    void anEventThatKeepsItsContractIsAppended() {
        String parcel = newParcel();
        scan(parcel, 1);
        assertEquals(1, ledger.outboxMessages(parcel));
    }
}
