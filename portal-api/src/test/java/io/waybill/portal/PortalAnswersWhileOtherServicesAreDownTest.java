package io.waybill.portal;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.portal.support.CustomerFixture;
import io.waybill.portal.support.EventFeed;
import io.waybill.portal.support.PortalApi;
import io.waybill.portal.support.TestFeedChannel;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * No order-, shipment- or billing-service runs in this module's tests: their events were published onto the
 * broker as they would have been, and then even the broker goes away. The portal answers from its read model alone
 * and tells the customer how fresh each answer is: the time of the last event it applied.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(TestFeedChannel.class)
class PortalAnswersWhileOtherServicesAreDownTest {

    @Inject
    EventFeed feed;

    @Test
    void aBrokerOutageDoesNotTakeThePortalOutOfService() {
        CustomerFixture customer = CustomerFixture.of("DOWN-READY", true).publishedThrough(feed);
        String token = PortalApi.customerToken(customer.customerId());

        WaybillInfrastructure.broker().stop();
        try {
            // A return request while the broker is down: its event waits in the outbox, the relay fails on it. In
            // any other service that is readiness DOWN (service-foundation's default, BrokerRestartLosesNothingTest).
            given().auth().oauth2(token).contentType("application/json")
                    .body("""
                            {"lines":[{"sku":"MUG-BLUE-330","quantity":{"value":1,"unit":"EACH"}}],"reason":"DAMAGED"}""")
                    .post("/me/orders/{n}/returns", customer.orderNumber()).then().statusCode(201);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                var outbox = given().get("/q/health/ready").jsonPath();
                return outbox.getInt("checks.find { it.name == 'outbox relay' }.data.consecutiveFailures") > 0
                        && outbox.getInt("checks.find { it.name == 'outbox relay' }.data.pending") > 0;
            });
            given().get("/q/health/ready").then().log().ifValidationFails().statusCode(200)
                    .body("status", equalTo("UP"));
            given().auth().oauth2(token).get("/me/orders/{n}", customer.orderNumber()).then().statusCode(200);
        } finally {
            WaybillInfrastructure.broker().restart();
            // Readiness no longer waits for the broker; the relay handing over what waited does.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> given()
                    .get("/q/health/ready").jsonPath().getInt("checks.find { it.name == 'outbox relay' }.data.pending") == 0);
        }
    }

    @Test
    void lastKnownStateIsServedWithItsFreshnessWithoutAnyOtherServiceOrEvenTheBroker() {
        CustomerFixture customer = CustomerFixture.of("DOWN", true).publishedThrough(feed);
        String token = PortalApi.customerToken(customer.customerId());

        WaybillInfrastructure.broker().stop();
        try {
            given().auth().oauth2(token).get("/me/orders/{n}", customer.orderNumber()).then().statusCode(200)
                    .body("status.code", equalTo("DELIVERED"))
                    .body("lines", hasSize(2))
                    .body("asOf", equalTo(customer.deliveredAt().toString()));
            given().auth().oauth2(token).get("/me/shipments/{t}", customer.trackingNumber()).then().statusCode(200)
                    .body("status.code", equalTo("DELIVERED"))
                    .body("events", hasSize(3))
                    .body("asOf", equalTo(customer.deliveredAt().toString()));
            given().auth().oauth2(token).get("/me/shipments/{t}/proof-of-delivery", customer.trackingNumber())
                    .then().statusCode(200)
                    .body("signedBy", equalTo("J. SMITH"))
                    .body("evidence", contains("PHOTO", "SIGNATURE"))
                    .body("deliveredAt", equalTo(customer.deliveredAt().toString()));
            given().auth().oauth2(token).get("/me/invoices").then().statusCode(200)
                    .body("items", hasSize(2))
                    .body("items.find { it.kind == 'INVOICE' }.paymentState.code", equalTo("PARTIALLY_PAID"))
                    .body("items.find { it.kind == 'INVOICE' }.amountDue.amount", equalTo(29.90f))
                    .body("items.find { it.kind == 'CREDIT_NOTE' }.correctsInvoiceNumber",
                            equalTo(customer.invoiceNumber()))
                    .body("asOf", equalTo(customer.lastBillingEventAt().toString()));
        } finally {
            WaybillInfrastructure.broker().restart();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> given().get("/q/health/ready").statusCode() == 200);
        }
    }
}
