package io.waybill.benchmarks;

import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.waybill.infrastructure.broker.EmbeddedBroker;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker's ceiling: durable AMQP 1.0 round trips through the suite's own Artemis, with nothing of Waybill in
 * between. A round trip is one durable message of about the size of a Waybill event (1 KiB) sent, accepted by the
 * broker (stored in its journal), delivered to a consumer on another connection and accepted there.
 * <p>
 * The suite's broker lets each service identity touch only its own streams, and every stream has live consumers, so
 * the benchmark brings its own identity ({@value #USER}) and address ({@value #ADDRESS}, one anycast queue), added to
 * the running broker for this run only: nothing of it is in the broker configuration, the Helm chart or the
 * services. The broker runs inside this JVM, where its server object is reached by reflection.
 */
final class AmqpCeiling {

    static final String USER = "waybill-benchmark";
    static final String PASSWORD = "local-dev-only-amqp-waybill-benchmark";
    static final String ADDRESS = "waybill.benchmark.round-trips";
    private static final int PAYLOAD_BYTES = 1024;

    /**
     * @param roundTripsPerSecond messages sent and received per second
     * @param roundTrip           send to receive, per message
     * @param inFlight            how many messages were under way at once
     */
    record Result(double roundTripsPerSecond, Percentiles roundTrip, int inFlight) {
    }

    private final EmbeddedBroker broker;

    AmqpCeiling(EmbeddedBroker broker) {
        this.broker = broker;
    }

    /** Adds the benchmark's identity, permission and queue to the running broker. Idempotent. */
    void prepare() {
        ActiveMQServer server = server();
        ActiveMQJAASSecurityManager security = (ActiveMQJAASSecurityManager) server.getSecurityManager();
        security.getConfiguration().addUser(USER, PASSWORD);
        security.getConfiguration().addRole(USER, USER);
        // name, send, consume, createDurableQueue, deleteDurableQueue, createNonDurableQueue, deleteNonDurableQueue,
        // manage, browse, createAddress, deleteAddress, view, edit
        server.getSecurityRepository().addMatch(ADDRESS,
                Set.of(new Role(USER, true, true, false, false, false, false, false, true, false, false, false, false)));
        try {
            if (server.locateQueue(ADDRESS) == null) {
                server.createQueue(QueueConfiguration.of(ADDRESS).setAddress(ADDRESS)
                        .setRoutingType(RoutingType.ANYCAST).setDurable(true).setAutoCreateAddress(true));
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create the benchmark queue " + ADDRESS, e);
        }
    }

    /** Round trips for {@code time} with {@code inFlight} messages under way at once (after a short warm-up). */
    Result measure(int inFlight, Duration time) {
        Vertx vertx = Vertx.vertx();
        try {
            AmqpClientOptions options = new AmqpClientOptions().setHost("127.0.0.1").setPort(broker.port())
                    .setUsername(USER).setPassword(PASSWORD);
            AmqpClient producerClient = AmqpClient.create(vertx, options);
            AmqpClient consumerClient = AmqpClient.create(vertx, options);
            AmqpConnection producerConnection = await(producerClient.connect());
            AmqpConnection consumerConnection = await(consumerClient.connect());
            AmqpSender sender = await(producerConnection.createSender(ADDRESS));
            AmqpReceiver receiver = await(consumerConnection.createReceiver(ADDRESS,
                    new AmqpReceiverOptions().setAutoAcknowledgement(true)));

            Semaphore window = new Semaphore(inFlight);
            AtomicLong received = new AtomicLong();
            ConcurrentLinkedQueue<Long> roundTrips = new ConcurrentLinkedQueue<>();
            AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
            receiver.handler(message -> {
                long now = System.nanoTime();
                long sentAt = message.applicationProperties().getLong("sentAt");
                if (sentAt >= measureFrom.get()) {
                    received.incrementAndGet();
                    roundTrips.add(now - sentAt);
                }
                window.release();
            });

            String payload = "x".repeat(PAYLOAD_BYTES);
            long warmUpEnd = System.nanoTime() + Math.min(TimeUnit.SECONDS.toNanos(2), time.toNanos() / 5);
            long end = warmUpEnd + time.toNanos();
            boolean measuring = false;
            long measureStart = 0;
            while (true) {
                window.acquire();
                long now = System.nanoTime();
                if (!measuring && now >= warmUpEnd) {
                    measuring = true;
                    measureStart = now;
                    measureFrom.set(now);
                }
                if (now >= end) {
                    window.release();
                    break;
                }
                sender.sendWithAck(AmqpMessage.create().durable(true).withBody(payload)
                        .applicationProperties(new JsonObject().put("sentAt", now)).build())
                        .onFailure(e -> window.release());
            }
            // Whatever is still under way arrives after the clock stopped: it is not counted.
            double seconds = (end - measureStart) / 1e9;
            long counted = received.get();
            window.tryAcquire(inFlight, 10, TimeUnit.SECONDS);
            await(receiver.close());
            await(sender.close());
            await(producerConnection.close());
            await(consumerConnection.close());
            List<Long> samples = List.copyOf(roundTrips);
            return new Result(counted / seconds, Percentiles.of(samples), inFlight);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while measuring the broker", e);
        } finally {
            await(vertx.close());
        }
    }

    private ActiveMQServer server() {
        try {
            Field field = EmbeddedBroker.class.getDeclaredField("server");
            field.setAccessible(true);
            return ((EmbeddedActiveMQ) field.get(broker)).getActiveMQServer();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("EmbeddedBroker changed: the benchmark reaches its Artemis server through "
                    + "its private field 'server' (an EmbeddedActiveMQ) to add its own identity and queue", e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("AMQP operation failed: " + e.getMessage(), e);
        }
    }
}
