package io.waybill.order.fulfilment;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.waybill.events.order.OrderEvents;
import io.waybill.order.fulfilment.northwind.NorthwindConfirmationImport;
import io.waybill.order.fulfilment.northwind.NorthwindFiles;
import io.waybill.order.fulfilment.northwind.NorthwindReleaseExport;
import io.waybill.order.support.Acme3plStub;
import io.waybill.order.support.Awaiting;
import io.waybill.order.support.Database;
import io.waybill.order.support.NorthwindFolders;
import io.waybill.order.support.OnVertx;
import io.waybill.order.support.Participants;
import io.waybill.order.support.SimulatedParticipants;
import io.waybill.testsupport.Tokens;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.waybill.order.support.Orders.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** northwind-3pl's file link: releases out as CSV, confirmations in as CSV, files filed as processed or error. */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(Acme3plStub.class)
class NorthwindFileExchangeTest {

    private static final String HEADER = NorthwindFolders.CONFIRMATIONS_HEADER;

    @Inject
    SimulatedParticipants broker;

    @Inject
    NorthwindReleaseExport export;

    @Inject
    NorthwindConfirmationImport confirmations;

    @Inject
    NorthwindFiles files;

    @Test
    void aReleaseIsExportedAsCsvAndAShipConfirmationFileShipsTheOrder() throws IOException {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = bookedInRotterdam(customer, sku);

        assertTrue(OnVertx.await(() -> export.exportPending()) >= 1);
        Awaiting.status(orderId, "RELEASED");
        assertEquals("northwind-3pl", Awaiting.published(OrderEvents.RELEASED_TO_WAREHOUSE, orderId, 1).getFirst().partnerId());
        String exported = exportedFilesMentioning(orderId);
        assertTrue(exported.startsWith("release_reference,warehouse,line_id,sku"), exported);
        assertTrue(exported.contains(orderId + ",WH-ROTTERDAM,1," + sku + ",2,EACH,Erika Mustermann"), exported);
        assertEquals(0, OnVertx.await(() -> export.exportPending()), "a release is exported once");

        String file = drop(HEADER
                + "nw-ack-" + orderId + "," + orderId + ",ACKNOWLEDGED,,,,2026-11-23T10:00:00Z\n"
                + "nw-ship-" + orderId + "," + orderId + ",SHIPPED,,,TRK-" + orderId + ",2026-11-23T11:00:00Z\n");
        List<NorthwindConfirmationImport.ImportResult> results = OnVertx.await(() -> confirmations.importAll());
        assertTrue(results.stream().anyMatch(r -> r.file().equals(file) && r.accepted() && r.applied() == 2), results.toString());
        Awaiting.status(orderId, "SHIPPED");
        assertTrue(Files.exists(files.processed().resolve(file)));
        assertFalse(Files.exists(files.inbound().resolve(file)));

        // The same confirmations again (northwind resends the file): recognised, no second effect.
        String again = drop(HEADER + "nw-ship-" + orderId + "," + orderId + ",SHIPPED,,,TRK-" + orderId + ",\n");
        List<NorthwindConfirmationImport.ImportResult> second = OnVertx.await(() -> confirmations.importAll());
        assertTrue(second.stream().anyMatch(r -> r.file().equals(again) && r.accepted() && r.duplicates() == 1), second.toString());
    }

    @Test
    void aFileWithAnUnreadableRowGoesToErrorWithTheReason() throws IOException {
        String file = drop(HEADER + "nw-1,some-order,TELEPORTED,,,,\n");
        List<NorthwindConfirmationImport.ImportResult> results = OnVertx.await(() -> confirmations.importAll());
        assertTrue(results.stream().anyMatch(r -> r.file().equals(file) && !r.accepted()), results.toString());
        assertTrue(Files.exists(files.error().resolve(file)));
        String why = Files.readString(files.error().resolve(file + ".error.txt"));
        assertTrue(why.contains("line 2") && why.contains("event_type"), why);
    }

    @Test
    void anotherPartnerCannotReportOnNorthwindsRelease() {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = bookedInRotterdam(customer, sku);
        OnVertx.await(() -> export.exportPending());
        Awaiting.status(orderId, "RELEASED");

        given().auth().oauth2(Tokens.partner(AUDIENCE, "acme-3pl", "fulfilment.write")).contentType(ContentType.JSON)
                .body(Map.of("eventId", "acme-" + orderId, "releaseReference", orderId, "type", "SHIPPED"))
                .post("/fulfilment/acme-3pl/events").then().statusCode(404);
        assertEquals("RELEASED", Database.status(orderId));
    }

    @Test
    void aCancellationAfterExportGoesOutAsACancellationFileAndNorthwindsConfirmationGivesTheStockBack() throws IOException {
        String orderId = exportedToNorthwind();
        cancel(orderId);
        assertEquals("RELEASED", Database.status(orderId), "not cancelled before northwind says so");

        assertTrue(OnVertx.await(() -> export.exportCancellations()) >= 1);
        String cancellations = exportedFilesMentioning(orderId, "cancellations-");
        assertTrue(cancellations.startsWith("release_reference,warehouse,reason"), cancellations);
        assertTrue(cancellations.contains(orderId + ",WH-ROTTERDAM,order cancelled: customer withdrew"), cancellations);
        assertFalse(Database.eventTypes(orderId).contains(OrderEvents.STOCK_RELEASE_REQUESTED.name()),
                "the stock stays reserved until northwind confirms");
        assertEquals(0, OnVertx.await(() -> export.exportCancellations()), "a cancellation is written once");

        drop(HEADER + "nw-cancel-" + orderId + "," + orderId + ",CANCELLED,,,,2026-11-23T12:00:00Z\n");
        OnVertx.await(() -> confirmations.importAll());
        Awaiting.status(orderId, "CANCELLED");
        assertEquals(1, Awaiting.published(OrderEvents.STOCK_RELEASE_REQUESTED, orderId, 1).size());
        Awaiting.published(OrderEvents.SHIPMENT_CANCELLATION_REQUESTED, orderId, 1);
    }

    @Test
    void northwindRefusingACancellationBecauseItShippedLeavesTheOrderShipped() throws IOException {
        String orderId = exportedToNorthwind();
        cancel(orderId);
        OnVertx.await(() -> export.exportCancellations());

        drop(HEADER + "nw-refused-" + orderId + "," + orderId + ",CANCEL_REFUSED,,,,2026-11-23T12:00:00Z\n");
        OnVertx.await(() -> confirmations.importAll());

        Awaiting.status(orderId, "SHIPPED");
        assertFalse(Database.eventTypes(orderId).contains(OrderEvents.STOCK_RELEASE_REQUESTED.name()));
        assertTrue(Database.statusReason(orderId).contains("need a return"), Database.statusReason(orderId));
    }

    private String exportedToNorthwind() {
        String orderId = bookedInRotterdam(customer(), product("GENERAL"));
        OnVertx.await(() -> export.exportPending());
        Awaiting.status(orderId, "RELEASED");
        return orderId;
    }

    private static void cancel(String orderId) {
        given().auth().oauth2(webshop()).contentType(ContentType.JSON).body(Map.of("reason", "customer withdrew"))
                .post("/orders/{id}/cancellation", orderId).then().statusCode(202)
                .body("status", org.hamcrest.Matchers.equalTo("RELEASED"));
    }

    private String bookedInRotterdam(String customer, String sku) {
        String orderId = submit(order(customer, "NL", "STANDARD", sku));
        Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 1);
        Participants.reserve(broker, orderId, "WH-ROTTERDAM", sku);
        Awaiting.published(OrderEvents.SHIPMENT_BOOKING_REQUESTED, orderId, 1);
        Participants.book(broker, orderId, customer, "parcelly");
        Awaiting.status(orderId, "BOOKED");
        return orderId;
    }

    private String drop(String content) throws IOException {
        return NorthwindFolders.drop(files, content);
    }

    private String exportedFilesMentioning(String orderId) throws IOException {
        return exportedFilesMentioning(orderId, "releases-");
    }

    private String exportedFilesMentioning(String orderId, String prefix) throws IOException {
        return NorthwindFolders.exportedFileMentioning(files, orderId, prefix);
    }
}
