package io.waybill.foundation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class AuditChainDetectsATamperedEntryTest extends FoundationTestBase {

    private static final String AUDITOR = Tokens.client("foundation-test", "auditor", "audit.read");

    @Inject
    Pool pool;

    @Test
    void everyMutationIsAuditedAndTheChainVerifies() {
        String parcel = newParcel();
        String eventId = scan(parcel, 1).id();
        scan(parcel, 2);

        List<Map<String, Object>> trail = given().auth().oauth2(AUDITOR)
                .queryParam("entityType", "test").queryParam("entityId", parcel)
                .when().get("/admin/audit").then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(2, trail.size());
        assertEquals("waybill.test.parcel-scanned.v1", trail.get(0).get("action"));
        assertEquals("system", trail.get(0).get("actorType"));
        assertTrue(String.valueOf(trail.get(0).get("change")).contains("\"sequence\":1"), eventId);

        awaitSealed();
        given().auth().oauth2(AUDITOR).when().get("/admin/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true));
        List<Map<String, Object>> sealed = given().auth().oauth2(AUDITOR)
                .queryParam("entityType", "test").queryParam("entityId", parcel)
                .when().get("/admin/audit").then().extract().jsonPath().getList("$");
        assertTrue(sealed.stream().allMatch(entry -> entry.get("hash") != null), sealed.toString());
    }

    @Test
    void theDatabaseRefusesToEditAnEntryAndAnEntryEditedBehindItsBackBreaksTheChain() {
        String parcel = newParcel();
        scan(parcel, 7);
        awaitSealed();
        long position = pool.preparedQuery("SELECT position FROM audit_entry WHERE entity_id = $1")
                .execute(Tuple.of(parcel)).await().indefinitely().iterator().next().getLong(0);

        assertThrows(Exception.class, () -> pool.preparedQuery(
                        "UPDATE audit_entry SET change = '{}' WHERE position = $1")
                .execute(Tuple.of(position)).await().indefinitely());
        assertThrows(Exception.class, () -> pool.preparedQuery("DELETE FROM audit_entry WHERE position = $1")
                .execute(Tuple.of(position)).await().indefinitely());

        // Somebody with superuser rights goes around the trigger.
        String original = tamper(position, "{\"parcelId\":\"" + parcel + "\",\"sequence\":8}");
        try {
            given().auth().oauth2(AUDITOR).when().get("/admin/audit/verify").then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBrokenPosition", equalTo((int) position))
                    .body("reason", equalTo("content does not match its hash"));
        } finally {
            tamper(position, original);
        }
        given().auth().oauth2(AUDITOR).when().get("/admin/audit/verify").then().body("intact", equalTo(true));
    }

    @Test
    void theTrailIsOnlyForAuditors() {
        given().when().get("/admin/audit/verify").then().statusCode(401);
        given().auth().oauth2(Tokens.client("foundation-test", "ops", "ops.dead-letters"))
                .when().get("/admin/audit/verify").then().statusCode(403);
    }

    /** Entries are chained shortly after they commit. */
    private void awaitSealed() {
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(AUDITOR)
                .when().get("/admin/audit/verify").then().extract().jsonPath().getInt("awaitingSeal") == 0);
    }

    private String tamper(long position, String change) {
        String original = pool.preparedQuery("SELECT change FROM audit_entry WHERE position = $1")
                .execute(Tuple.of(position)).await().indefinitely().iterator().next().getString(0);
        pool.withTransaction(connection -> connection.query("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only")
                        .execute()
                        .chain(() -> connection.preparedQuery("UPDATE audit_entry SET change = $2 WHERE position = $1")
                                .execute(Tuple.of(position, change)))
                        .chain(() -> connection.query("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only")
                                .execute()))
                .await().indefinitely();
        return original;
    }
}
