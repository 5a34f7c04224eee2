package io.waybill.billing.invoicing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.waybill.billing.Journeys;
import io.waybill.billing.ShipmentEventsFixture;
import io.waybill.billing.StreamPublisher;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static io.waybill.billing.BillingDatabase.single;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two finance clerks crediting the same invoice at the same moment, against the real PostgreSQL: the invoice row is
 * locked while what is left to credit is read, so together they never reverse more than was invoiced.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ConcurrentCreditNotesNeverReverseMoreThanWasChargedTest {

    private static final String FINANCE = Tokens.client("billing-service", "finance", "billing.write", "billing.read");
    private static final int CLERKS = 8;

    @Inject
    StreamPublisher publisher;

    @Test
    void ofManyConcurrentCreditsOfTheSameLineOnlyWhatFitsIsIssued() throws Exception {
        String invoiceId = Journeys.invoiced(publisher, Journeys.booked(publisher, "CUST-ACME",
                ShipmentEventsFixture.newOrderId(), "dhl", "7.10"));
        // Freight line 1 is 7.40: each clerk credits 5.00 of it, so exactly one can succeed.
        List<Integer> statuses = concurrently(invoiceId,
                "{\"reason\": \"Goodwill\", \"lines\": [{\"invoiceLineNumber\": 1, \"amount\": 5.00}]}");

        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "statuses " + statuses);
        assertEquals(CLERKS - 1, statuses.stream().filter(s -> s == 422).count(), "statuses " + statuses);
        assertEquals(0, new BigDecimal("5.00").compareTo(new BigDecimal(single(
                "SELECT sum(total_amount) FROM adjustment_note WHERE invoice_id = ?::uuid AND kind = 'CREDIT'", invoiceId))));
    }

    @Test
    void ofManyConcurrentFullReversalsOnlyOneIsIssued() throws Exception {
        String invoiceId = Journeys.invoiced(publisher, Journeys.booked(publisher, "CUST-ACME",
                ShipmentEventsFixture.newOrderId(), "dhl", "7.10"));
        List<Integer> statuses = concurrently(invoiceId, "{\"reason\": \"Shipment returned\"}");

        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "statuses " + statuses);
        assertEquals(CLERKS - 1, statuses.stream().filter(s -> s == 409).count(), "statuses " + statuses);
        given().auth().oauth2(FINANCE).when().get("/invoices/" + invoiceId)
                .then().statusCode(200)
                .body("notes.size()", equalTo(1))
                .body("balance.amount", equalTo(0.0f));
    }

    /** All clerks released at once; returns each response's status. */
    private static List<Integer> concurrently(String invoiceId, String body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLERKS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> responses = new ArrayList<>();
            for (int i = 0; i < CLERKS; i++) {
                responses.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(FINANCE).contentType(ContentType.JSON).body(body)
                            .when().post("/invoices/" + invoiceId + "/credit-notes")
                            .then().extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> response : responses) {
                statuses.add(response.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
