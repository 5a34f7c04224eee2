package io.waybill.infrastructure.broker;

import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.waybill.events.EventStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EachServiceMayOnlyUseItsOwnStreamsTest {

    private static Vertx vertx;
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startSecuredBroker() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(tmp);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        broker = EmbeddedBroker.startSecured(Files.createTempDirectory(tmp, "artemis-secured-"), port);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        broker.stop();
        vertx.close();
    }

    @Test
    void theOwnerPublishesAndASubscriberReadsItsOwnQueue() throws Exception {
        AmqpConnection orders = connect("order-service", BrokerIdentities.localPassword("order-service"));
        AmqpSender sender = await(orders.createSender(EventStream.ORDERS.address()));
        await(sender.sendWithAck(AmqpMessage.create().withBody("order accepted").durable(true).build()));

        AmqpConnection billing = connect("billing-service", BrokerIdentities.localPassword("billing-service"));
        AmqpReceiver receiver = await(billing.createReceiver(EventStream.ORDERS.queueFor("billing-service")));
        CompletableFuture<String> received = new CompletableFuture<>();
        receiver.handler(message -> received.complete(message.bodyAsString()));
        assertEquals("order accepted", received.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aServiceCannotPublishOnAnotherServicesStream() throws Exception {
        AmqpConnection billing = connect("billing-service", BrokerIdentities.localPassword("billing-service"));
        assertThrows(Exception.class, () -> {
            AmqpSender sender = await(billing.createSender(EventStream.ORDERS.address()));
            await(sender.sendWithAck(AmqpMessage.create().withBody("forged order").build()));
        });
    }

    @Test
    void aServiceCannotReadAStreamItDoesNotSubscribeTo() throws Exception {
        // A message waits in the queue, so a receiver that were allowed would get it and the test would fail.
        AmqpConnection inventory = connect("inventory-service", BrokerIdentities.localPassword("inventory-service"));
        await(await(inventory.createSender(EventStream.INVENTORY.address()))
                .sendWithAck(AmqpMessage.create().withBody("stock reserved").durable(true).build()));

        // billing-service follows orders, shipments and Odoo, but not stock.
        AmqpConnection billing = connect("billing-service", BrokerIdentities.localPassword("billing-service"));
        assertThrows(Exception.class, () -> {
            AmqpReceiver receiver = await(billing.createReceiver(EventStream.INVENTORY.address() + "::"
                    + EventStream.INVENTORY.address() + ".order-service"));
            CompletableFuture<Object> next = new CompletableFuture<>();
            receiver.exceptionHandler(next::completeExceptionally);
            receiver.handler(next::complete);
            next.get(5, TimeUnit.SECONDS);
        });
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThrows(Exception.class, () -> connect("order-service", "guess"));
    }

    private static AmqpConnection connect(String user, String password) throws Exception {
        AmqpClient client = AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost("127.0.0.1").setPort(broker.port()).setUsername(user).setPassword(password));
        return await(client.connect());
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
