package io.waybill.infrastructure.broker;

import io.waybill.events.EventStream;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

import java.nio.file.Path;

/**
 * ActiveMQ Artemis with Waybill's topology, speaking AMQP 1.0 on loopback. The topology is created up front
 * because a queue auto-created on first attach loses whatever was published before it existed:
 * <ul>
 *     <li>one MULTICAST address per {@link EventStream}, with one durable queue per consuming service, so each
 *     service receives every event once, its replicas share the work, and nothing is lost while it is down;</li>
 *     <li>redelivery with an exponential delay, and after {@value #MAX_DELIVERY_ATTEMPTS} attempts the dead-letter
 *     address {@value #DEAD_LETTER_ADDRESS}. Services retry and dead-letter in their own store first; this is the
 *     safety net for a consumer that cannot even record its failure.</li>
 * </ul>
 */
public final class EmbeddedBroker implements AutoCloseable {

    public static final String DEAD_LETTER_ADDRESS = "waybill.dead-letters";
    public static final int MAX_DELIVERY_ATTEMPTS = 10;

    private final Path dataDir;
    private final int port;
    private final boolean secured;
    private EmbeddedActiveMQ server;

    private EmbeddedBroker(Path dataDir, int port, boolean secured) {
        this.dataDir = dataDir;
        this.port = port;
        this.secured = secured;
    }

    /**
     * Starts a persistent broker on the given loopback port with its journal in {@code dataDir}, open to any
     * client: for service tests, which play other services' parts on the broker.
     */
    public static EmbeddedBroker start(Path dataDir, int port) {
        EmbeddedBroker broker = new EmbeddedBroker(dataDir, port, false);
        broker.restart();
        return broker;
    }

    /**
     * Starts the broker with one identity per service ({@link BrokerIdentities}), each allowed to send only to the
     * stream it owns and to consume only the streams it subscribes to: for the local stack and the system tests.
     */
    public static EmbeddedBroker startSecured(Path dataDir, int port) {
        EmbeddedBroker broker = new EmbeddedBroker(dataDir, port, true);
        broker.restart();
        return broker;
    }

    /** Starts the broker again on the same port and journal (after {@link #stop()}); what was persisted survives. */
    public synchronized void restart() {
        if (server != null) {
            throw new IllegalStateException("Broker is running");
        }
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ().setConfiguration(configuration());
        if (secured) {
            embedded.setSecurityManager(BrokerIdentities.securityManager());
        }
        try {
            embedded.start();
        } catch (Exception e) {
            throw new IllegalStateException("Artemis did not start on port " + port, e);
        }
        server = embedded;
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Artemis did not stop", e);
        } finally {
            server = null;
        }
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return server != null;
    }

    /** Messages waiting in a queue: how far behind a consumer is, or what a stopped service will find. */
    public long messageCount(String queueName) {
        Queue queue = server.getActiveMQServer().locateQueue(SimpleString.of(queueName));
        if (queue == null) {
            throw new IllegalArgumentException("No queue " + queueName);
        }
        return queue.getMessageCount();
    }

    private Configuration configuration() {
        Configuration config = new ConfigurationImpl();
        config.setName("waybill-local");
        config.setPersistenceEnabled(true);
        config.setSecurityEnabled(secured);
        if (secured) {
            BrokerIdentities.permissions().forEach(config::putSecurityRoles);
        }
        config.setJMXManagementEnabled(false);
        config.setBrokerInstance(dataDir.toFile());
        config.setJournalDirectory(dataDir.resolve("journal").toString());
        config.setBindingsDirectory(dataDir.resolve("bindings").toString());
        config.setLargeMessagesDirectory(dataDir.resolve("large-messages").toString());
        config.setPagingDirectory(dataDir.resolve("paging").toString());
        config.setJournalSyncNonTransactional(false);
        config.setJournalSyncTransactional(false);
        try {
            config.addAcceptorConfiguration("amqp",
                    "tcp://127.0.0.1:" + port + "?protocols=AMQP;useEpoll=false;amqpIdleTimeout=30000");
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_ADDRESS))
                // Waybill sets no message TTL; should one ever expire, it is kept with the dead letters.
                .setExpiryAddress(SimpleString.of(DEAD_LETTER_ADDRESS))
                .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
                .setRedeliveryDelay(1_000)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(60_000)
                .setAutoCreateDeadLetterResources(false));
        for (EventStream stream : EventStream.values()) {
            CoreAddressConfiguration address = new CoreAddressConfiguration()
                    .setName(stream.address())
                    .addRoutingType(RoutingType.MULTICAST);
            for (String consumer : stream.consumers()) {
                address.addQueueConfiguration(QueueConfiguration.of(stream.queueName(consumer))
                        .setAddress(stream.address())
                        .setRoutingType(RoutingType.MULTICAST)
                        .setDurable(true));
            }
            config.addAddressConfiguration(address);
        }
        config.addAddressConfiguration(new CoreAddressConfiguration()
                .setName(DEAD_LETTER_ADDRESS)
                .addRoutingType(RoutingType.ANYCAST)
                .addQueueConfiguration(QueueConfiguration.of(DEAD_LETTER_ADDRESS)
                        .setAddress(DEAD_LETTER_ADDRESS).setRoutingType(RoutingType.ANYCAST).setDurable(true)));
        return config;
    }

    @Override
    public void close() {
        stop();
    }
}
