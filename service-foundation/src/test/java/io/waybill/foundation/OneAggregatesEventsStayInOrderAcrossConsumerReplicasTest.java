package io.waybill.foundation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.waybill.events.EventStream;
import io.waybill.testsupport.WaybillInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Helm runs every service with two or more replicas, each with its own broker connection on the service's one durable
 * queue. The outbox relay sends each event with its aggregate as AMQP group id, so the broker hands all of one
 * aggregate's events to one replica, in order, while different aggregates spread over the replicas. Here two
 * independent consumers (separate Vert.x instances and connections, as two pods would have) share a queue of the
 * real Artemis while this service publishes interleaved scans of several parcels through its outbox.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class OneAggregatesEventsStayInOrderAcrossConsumerReplicasTest extends FoundationTestBase {

    /** A queue nothing else in the foundation's tests reads: shipment-service's subscription to waybill.orders. */
    private static final String SHARED_QUEUE = EventStream.ORDERS.queueFor(EventStream.Services.SHIPMENT);
    private static final int PARCELS = 8;
    private static final int SCANS_PER_PARCEL = 6;

    private final List<Replica> replicas = new ArrayList<>();

    @AfterEach
    void stopReplicas() {
        replicas.forEach(Replica::close);
    }

    @Test
    void eachParcelsEventsReachOneReplicaInOrderAndBothReplicasShareTheWork() throws Exception {
        // Both attach before anything is published, so neither can take every new group for lack of a rival.
        replicas.add(Replica.attach("replica-a"));
        replicas.add(Replica.attach("replica-b"));

        List<String> parcels = IntStream.range(0, PARCELS).mapToObj(i -> newParcel()).toList();
        Set<String> ours = Set.copyOf(parcels);
        for (int sequence = 1; sequence <= SCANS_PER_PARCEL; sequence++) {
            for (String parcel : parcels) {
                scan(parcel, sequence);
            }
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> replicas.stream()
                .mapToLong(r -> r.received.stream().filter(s -> ours.contains(s.parcel())).count())
                .sum() == (long) PARCELS * SCANS_PER_PARCEL);

        Map<String, Set<String>> replicasOfParcel = new ConcurrentHashMap<>();
        for (Replica replica : replicas) {
            for (Scan scan : replica.received) {
                if (ours.contains(scan.parcel())) {
                    replicasOfParcel.computeIfAbsent(scan.parcel(), p -> ConcurrentHashMap.newKeySet()).add(replica.name);
                }
            }
        }
        for (String parcel : parcels) {
            assertEquals(1, replicasOfParcel.get(parcel).size(),
                    parcel + "'s events were split over replicas " + replicasOfParcel.get(parcel));
        }
        for (Replica replica : replicas) {
            Map<String, List<Integer>> sequences = replica.received.stream()
                    .filter(s -> ours.contains(s.parcel()))
                    .collect(Collectors.groupingBy(Scan::parcel, Collectors.mapping(Scan::sequence, Collectors.toList())));
            sequences.forEach((parcel, seen) -> assertEquals(
                    IntStream.rangeClosed(1, SCANS_PER_PARCEL).boxed().toList(), seen,
                    parcel + " as " + replica.name + " handled it"));
            assertTrue(!sequences.isEmpty(), replica.name + " received none of the parcels: the work was not shared");
        }
    }

    record Scan(String parcel, int sequence) {
    }

    /** One consumer replica: its own Vert.x, its own connection, a receiver that settles each message. */
    static final class Replica {
        final String name;
        final List<Scan> received = new CopyOnWriteArrayList<>();
        private final Vertx vertx = Vertx.vertx();
        private AmqpClient client;

        private Replica(String name) {
            this.name = name;
        }

        static Replica attach(String name) throws Exception {
            Replica replica = new Replica(name);
            replica.client = AmqpClient.create(replica.vertx, new AmqpClientOptions()
                    .setHost("127.0.0.1").setPort(WaybillInfrastructure.broker().port())
                    .setContainerId("foundation-test-" + name));
            AmqpConnection connection = replica.client.connect().toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            AmqpReceiver receiver = connection.createReceiver(SHARED_QUEUE,
                            new AmqpReceiverOptions().setAutoAcknowledgement(false))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            receiver.handler(message -> {
                // The relay writes the envelope as a data section (application/json), not an AMQP string value.
                JsonObject envelope = new JsonObject(message.bodyAsBinary());
                JsonObject data = envelope.getJsonObject("data");
                if (data != null && data.containsKey("parcelId")) {
                    replica.received.add(new Scan(data.getString("parcelId"), data.getInteger("sequence")));
                }
                message.accepted();
            });
            return replica;
        }

        void close() {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }
}
