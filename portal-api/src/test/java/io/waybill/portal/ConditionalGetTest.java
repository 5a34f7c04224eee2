package io.waybill.portal;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.portal.support.CustomerFixture;
import io.waybill.portal.support.EventFeed;
import io.waybill.portal.support.Events;
import io.waybill.portal.support.PortalApi;
import io.waybill.portal.support.TestFeedChannel;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.temporal.ChronoUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Every GET carries an ETag of its representation; a client holding the current one gets 304 and no body. */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(TestFeedChannel.class)
class ConditionalGetTest {

    @Inject
    EventFeed feed;

    @Test
    void aCurrentETagAnswers304UntilTheRecordChanges() {
        CustomerFixture customer = CustomerFixture.of("ETAG", true).publishedThrough(feed);
        String token = PortalApi.customerToken(customer.customerId());

        String etag = given().auth().oauth2(token).get("/me/invoices/{n}", customer.invoiceNumber())
                .then().statusCode(200)
                .header("Cache-Control", equalTo("private, no-cache"))
                .header("ETag", notNullValue())
                .extract().header("ETag");
        given().auth().oauth2(token).header("If-None-Match", etag).get("/me/invoices/{n}", customer.invoiceNumber())
                .then().statusCode(304).header("ETag", equalTo(etag)).body(emptyString());
        given().auth().oauth2(token).header("If-None-Match", "\"someone-elses\", W/" + etag)
                .get("/me/invoices/{n}", customer.invoiceNumber()).then().statusCode(304);

        feed.publishAndAwait(Events.paymentUpdated(customer.invoiceId(), customer.customerId(), "PAID", "0.00",
                customer.lastBillingEventAt().plus(1, ChronoUnit.DAYS)));

        String changed = given().auth().oauth2(token).header("If-None-Match", etag)
                .get("/me/invoices/{n}", customer.invoiceNumber()).then().statusCode(200)
                .body("paymentState.code", equalTo("PAID"))
                .extract().header("ETag");
        assertThat(changed, not(equalTo(etag)));
    }

    @Test
    void everyCustomerGetIsTaggedAndPrivate() {
        CustomerFixture customer = CustomerFixture.of("ETAG-ALL", true).publishedThrough(feed);
        String token = PortalApi.customerToken(customer.customerId());
        for (String path : new String[]{"/me/orders", "/me/orders/" + customer.orderNumber(),
                "/me/shipments/" + customer.trackingNumber(),
                "/me/shipments/" + customer.trackingNumber() + "/proof-of-delivery",
                "/me/invoices", "/me/invoices/" + customer.invoiceNumber()}) {
            String etag = given().auth().oauth2(token).get(path).then().statusCode(200)
                    .header("Cache-Control", equalTo("private, no-cache"))
                    .extract().header("ETag");
            assertThat(path, etag, notNullValue());
            given().auth().oauth2(token).header("If-None-Match", etag).get(path).then().statusCode(304);
        }
    }

    @Test
    void errorsAreNotCached() {
        given().auth().oauth2(PortalApi.customerToken("CUST-NOBODY")).get("/me/orders/SO-NOPE").then()
                .statusCode(404).contentType("application/problem+json")
                .header("ETag", nullValue());
    }
}
