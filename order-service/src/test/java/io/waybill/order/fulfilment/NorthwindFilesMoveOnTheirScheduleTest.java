package io.waybill.order.fulfilment;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.waybill.events.order.OrderEvents;
import io.waybill.events.order.StockReservationRequested;
import io.waybill.order.fulfilment.northwind.NorthwindFiles;
import io.waybill.order.support.Acme3plStub;
import io.waybill.order.support.Awaiting;
import io.waybill.order.support.Participants;
import io.waybill.order.support.SimulatedParticipants;
import io.waybill.testsupport.WaybillInfrastructure;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.waybill.order.support.Orders.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * northwind-3pl's file link driven by its schedules alone, as deployed (every second here): nobody calls the
 * export or the import. A release goes out as a file, and a confirmation file reporting a pick shortage comes in and
 * reallocates the order to the other warehouse its route allows.
 */
@QuarkusTest
@TestProfile(NorthwindFilesMoveOnTheirScheduleTest.EverySecond.class)
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(Acme3plStub.class)
class NorthwindFilesMoveOnTheirScheduleTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    /** The export and import on, every second, over directories of this test's own. */
    public static class EverySecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("waybill.fulfilment.northwind-3pl.export-every", "1s",
                    "waybill.fulfilment.northwind-3pl.import-every", "1s",
                    "waybill.fulfilment.northwind-3pl.outbound", "target/scheduled-northwind-3pl/outbound",
                    "waybill.fulfilment.northwind-3pl.inbound", "target/scheduled-northwind-3pl/inbound");
        }
    }

    @Inject
    SimulatedParticipants broker;

    @Inject
    NorthwindFiles files;

    @Test
    void aReleaseLeavesOnScheduleAndAShortageRowComingBackReallocatesTheOrder() throws IOException {
        String customer = customer();
        String sku = product("GENERAL");
        String orderId = submit(order(customer, "NL", "STANDARD", sku));
        Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 1);
        Participants.reserve(broker, orderId, "WH-ROTTERDAM", sku);
        Awaiting.published(OrderEvents.SHIPMENT_BOOKING_REQUESTED, orderId, 1);
        Participants.book(broker, orderId, customer, "parcelly");

        Awaiting.status(orderId, "RELEASED");
        await().atMost(LIMIT).until(() -> exportedRows(orderId) == 1);

        String name = unique("confirmations") + ".csv";
        Files.createDirectories(files.inbound());
        Path partial = Files.writeString(files.inbound().resolve(name + ".part"),
                "event_id,release_reference,event_type,sku,quantity,tracking_number,occurred_at\n"
                        + "nw-short-" + orderId + "," + orderId + ",SHORTAGE," + sku + ",1,,2026-11-23T10:00:00Z\n");
        Files.move(partial, files.inbound().resolve(name));

        await().atMost(LIMIT).until(() -> Files.exists(files.processed().resolve(name)));
        Awaiting.status(orderId, "ALLOCATING");
        StockReservationRequested again = Awaiting.published(OrderEvents.STOCK_RESERVATION_REQUESTED, orderId, 2).get(1);
        assertEquals(List.of("WH-BERLIN"), again.candidateWarehouses(), "the other warehouse of the Benelux route");
        assertEquals(1, Awaiting.published(OrderEvents.STOCK_RELEASE_REQUESTED, orderId, 1).size());
    }

    private long exportedRows(String orderId) throws IOException {
        if (!Files.isDirectory(files.outbound())) {
            return 0;
        }
        try (Stream<Path> exported = Files.list(files.outbound())) {
            long rows = 0;
            for (Path file : exported.filter(p -> p.toString().endsWith(".csv")).toList()) {
                rows += Files.readAllLines(file).stream().filter(row -> row.startsWith(orderId + ",")).count();
            }
            return rows;
        }
    }
}
