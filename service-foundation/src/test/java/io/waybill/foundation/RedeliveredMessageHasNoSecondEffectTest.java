package io.waybill.foundation;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import io.waybill.events.EventStream;
import io.waybill.foundation.testapp.ParcelScanHandler;
import io.waybill.foundation.testapp.ParcelScanned;
import io.waybill.foundation.testapp.ScanLedger;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class RedeliveredMessageHasNoSecondEffectTest extends FoundationTestBase {

    @Inject
    ScanLedger ledger;

    @Inject
    MeterRegistry registry;

    @Inject
    @Channel("raw-events")
    MutinyEmitter<JsonObject> raw;

    @Test
    void theSameEventDeliveredThreeTimesIsAppliedOnce() {
        String parcel = newParcel();
        EventEnvelope event = envelope(parcel, 1);
        send(event);
        send(event);
        send(event);
        // A second, distinct event of the same parcel marks the point by which all copies were handled.
        send(envelope(parcel, 2));

        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.appliedSequences(parcel).contains(2));
        assertEquals(List.of(1, 2), ledger.appliedSequences(parcel));
    }

    /**
     * The real thing: the effect and the inbox row commit, the acknowledgement never reaches the broker, and Artemis
     * delivers the very same message again (its delivery count says so). The inbox recognises it: one effect, one
     * duplicate counted.
     */
    @Test
    void aMessageWhoseAckIsLostAfterTheCommitIsRedeliveredByTheBrokerAndAppliedOnce() {
        String parcel = newParcel();
        EventEnvelope event = envelope(parcel, 1);
        double duplicatesBefore = duplicates();
        ParcelScanHandler.LOSE_ACK_ONCE.add(event.id());
        send(event);

        await().atMost(Duration.ofSeconds(30)).until(() -> ParcelScanHandler.deliveriesOf(event.id()).size() >= 2
                && duplicates() >= duplicatesBefore + 1);
        List<Integer> deliveries = ParcelScanHandler.deliveriesOf(event.id());
        assertEquals(0, deliveries.get(0), "first delivery");
        assertTrue(deliveries.get(1) >= 1, "the broker redelivered the message it had delivered: " + deliveries);
        assertEquals(List.of(1), ledger.appliedSequences(parcel));

        // A later event of the parcel, behind the redelivered one in its group, marks that nothing else is pending.
        send(envelope(parcel, 2));
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.appliedSequences(parcel).contains(2));
        assertEquals(List.of(1, 2), ledger.appliedSequences(parcel));
        assertEquals(2, ParcelScanHandler.deliveriesOf(event.id()).size(), "acknowledged the second time");
        assertEquals(duplicatesBefore + 1, duplicates());
    }

    @Test
    void aHandlerThatFailsAfterItsEffectIsRetriedWithoutDoublingTheEffect() {
        String parcel = newParcel();
        ParcelScanHandler.FAIL_ONCE_AFTER_EFFECT.add(parcel);
        send(envelope(parcel, 1));

        await().atMost(Duration.ofSeconds(20)).until(() -> !ParcelScanHandler.FAIL_ONCE_AFTER_EFFECT.contains(parcel)
                && ledger.appliedSequences(parcel).size() == 1);
        send(envelope(parcel, 2));
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.appliedSequences(parcel).contains(2));
        assertEquals(List.of(1, 2), ledger.appliedSequences(parcel));
    }

    private double duplicates() {
        return registry.counter("waybill.inbox.duplicates", "consumer", "foundation-test.parcel-scans").count();
    }

    private void send(EventEnvelope event) {
        OutgoingAmqpMetadata metadata = OutgoingAmqpMetadata.builder()
                .withAddress(EventStream.ORDERS.address())
                .withDurable(true)
                .withMessageId(event.id())
                .withGroupId(event.subject())
                .withContentType("application/json")
                .build();
        Uni<Void> sent = raw.sendMessage(Message.of(new JsonObject(EventJson.write(event))).addMetadata(metadata));
        sent.await().atMost(Duration.ofSeconds(10));
    }

    static EventEnvelope envelope(String parcel, int sequence) {
        return new EventEnvelope(null, UUID.randomUUID().toString(), "urn:waybill:test", ParcelScanned.TYPE.name(),
                Instant.now(), parcel, ParcelScanned.TYPE.dataschema(), null, null, null, "CUST-TEST",
                EventJson.toTree(new ParcelScanned(parcel, sequence)));
    }
}
