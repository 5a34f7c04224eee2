package io.waybill.billing.carrierbill;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.billing.Journeys;
import io.waybill.billing.ShipmentEventsFixture;
import io.waybill.billing.StreamPublisher;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.waybill.billing.BillingDatabase.count;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class BadCsvRowsAreReportedByRowAndColumnAndNothingIsStoredTest {

    private static final String UPS = Tokens.partner("billing-service", "ups", "billing.write");

    @Inject
    StreamPublisher publisher;

    @Test
    void everyFaultyCellIsNamedAndNoBillOfTheFileIsStored() {
        String good = "UPS-" + UUID.randomUUID();
        String bad = "UPS-" + UUID.randomUUID();
        String csv = String.join("\r\n",
                "invoice_number,invoice_date,currency,tracking_number,charge_code,amount,description",
                good + ",2026-11-24,EUR,1Z999AA10123456784,FREIGHT,7.10,\"Parcel, 5 kg\"",
                bad + ",2026-11-24,EUR,1Z999AA10123456785,FREIGHT,\"12,50\",decimal comma",
                bad + ",24.11.2026,EUR,1Z999AA10123456785,FUEL,0.90,",
                bad + ",2026-11-24,EUR,1Z999AA10123456785,LIFTGATE,9.00,not a code we know",
                bad + ",2026-11-24,EUR,,FREIGHT,1.00,no tracking number",
                "");

        given().auth().oauth2(UPS).contentType("text/csv").body(csv)
                .when().post("/carrier-bills/batches/ups")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://waybill.io/problems/invalid-carrier-bill-batch"))
                .body("errors.field", containsInAnyOrder(
                        "row 3, column amount",
                        "row 4, column invoice_date",
                        "row 5, column charge_code",
                        "row 6, column tracking_number"))
                .body("errors", hasSize(4));

        assertEquals(0, count("SELECT count(*) FROM carrier_bill WHERE carrier_invoice_number IN (?, ?)", good, bad));
    }

    @Test
    void aMissingColumnIsNamedInTheHeaderRow() {
        given().auth().oauth2(UPS).contentType("text/csv")
                .body("invoice_number,invoice_date,currency,tracking_number,amount\nX,2026-11-24,EUR,T,1.00\n")
                .when().post("/carrier-bills/batches/ups")
                .then().statusCode(422)
                .body("errors.field", contains("row 1, column charge_code"));
    }

    @Test
    void aValidBatchBecomesOneAuditedBillPerInvoiceNumber() {
        ShipmentEventsFixture shipment = Journeys.booked(publisher, "CUST-GLOBEX", ShipmentEventsFixture.newOrderId(),
                "ups", "9.00");
        String first = "UPS-" + UUID.randomUUID();
        String second = "UPS-" + UUID.randomUUID();
        String csv = String.join("\n",
                "invoice_number,invoice_date,currency,tracking_number,charge_code,amount,description",
                first + ",2026-11-24,EUR," + shipment.trackingNumber + ",FREIGHT,8.40,Standard",
                first + ",2026-11-24,EUR," + shipment.trackingNumber + ",FUEL,0.70,Fuel",
                second + ",2026-11-25,EUR,1Z-NOT-OURS,FREIGHT,5.00,Someone else's parcel",
                second + ",2026-11-25,EUR," + shipment.trackingNumber + ",WAITING_TIME,25.00,\"Driver waited 45 min\"");

        given().auth().oauth2(UPS).contentType("text/csv").body(csv)
                .when().post("/carrier-bills/batches/ups")
                .then().statusCode(201)
                .body("carrierInvoiceNumber", contains(first, second))
                .body("[0].receivedVia", equalTo("CSV"))
                .body("[0].lines.auditStatus", contains("APPROVED", "APPROVED"))
                .body("[0].total.amount", equalTo(9.10f))
                // Someone else's parcel may yet be booked (a bill can overtake the booking): it waits, not disputed.
                .body("[1].lines.auditStatus", contains("AWAITING_SHIPMENT", "DISPUTED"))
                .body("[1].lines.disputeReason", contains(null, "UNQUOTED_ACCESSORIAL"))
                .body("[1].lines[1].description", equalTo("Driver waited 45 min"));

        // The same file again: refused whole, naming the bills it already holds.
        given().auth().oauth2(UPS).contentType("text/csv").body(csv)
                .when().post("/carrier-bills/batches/ups")
                .then().statusCode(409)
                .body("errors.field", containsInAnyOrder("invoice_number " + first, "invoice_number " + second));
        assertEquals(2, count("SELECT count(*) FROM carrier_bill WHERE carrier_invoice_number IN (?, ?)", first, second));
    }
}
