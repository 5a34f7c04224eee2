package io.waybill.billing.rating;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.billing.Journeys;
import io.waybill.billing.ShipmentEventsFixture;
import io.waybill.billing.StreamPublisher;
import io.waybill.model.order.ServiceLevel;
import io.waybill.model.order.Parcel;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The local stack's demo customers ship the demo products (local-stack's DemoData) under the agreements the
 * migrations give them: the heaviest, the pallet jack, must be rated and invoiced like any parcel.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class TheDemoAgreementsPriceEveryDemoProductTest {

    private static final String FINANCE = Tokens.client("billing-service", "finance", "billing.write", "billing.read");

    @Inject
    StreamPublisher publisher;

    @Test
    void theDemoPalletJackIsRatedInThePalletBandAndInvoicedOnDelivery() {
        ShipmentEventsFixture shipment = new ShipmentEventsFixture(publisher, "CUST-ACME",
                ShipmentEventsFixture.newOrderId(), "swiftpost");
        // 68 kg, 160 x 55 x 125 cm: 220 kg by volume, the 300 kg band of zone Z1.
        shipment.bookingRequested(ServiceLevel.STANDARD, "DE", List.of(new Parcel(new BigDecimal("68"),
                new BigDecimal("160"), new BigDecimal("55"), new BigDecimal("125"))));
        shipment.booked("96.00");
        Journeys.rated(shipment);

        String invoiceId = Journeys.invoiced(publisher, shipment);
        given().auth().oauth2(FINANCE).when().get("/invoices/" + invoiceId)
                .then().statusCode(200)
                .body("lines.amount.amount", hasItem(119.00f))
                // ACME's fuel surcharge, 8.5 % of 119.00 = 10.115, rounded half-even.
                .body("total.amount", equalTo(129.12f));
    }
}
