package io.waybill.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.events.EventStream;
import io.waybill.k8s.Chart.Values;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.security.SecurityAuth;
import org.apache.activemq.artemis.core.security.impl.SecurityStoreImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker topology ConfigMap, loaded the way a production broker loads it: a broker.xml that xi:includes the
 * three rendered fragments is parsed by Artemis' own configuration parser (schema-validated) and an in-VM broker
 * starts with it. Addresses and queues must match {@link EventStream}, the single table they come from, Artemis'
 * own security store must let each service identity send only to its stream and consume only its queues, and
 * messages sent through the broker must fan out, be refused, and dead-letter as the topology says.
 */
class BrokerTopologyTest {

    private static final Set<String> SERVICES = Set.copyOf(EventStream.Services.ALL);
    private static final String DEAD_LETTERS = "waybill.dead-letters";

    @TempDir
    static Path brokerHome;

    private static EmbeddedActiveMQ broker;
    private static ActiveMQServer server;

    @BeforeAll
    static void startBrokerWithTheRenderedTopology() throws Exception {
        JsonNode data = Chart.rendered(Values.PRODUCTION).one("ConfigMap", "waybill-broker-topology").path("data");
        StringBuilder includes = new StringBuilder();
        for (String fragment : List.of("waybill-addresses.xml", "waybill-address-settings.xml", "waybill-security-settings.xml")) {
            Path file = brokerHome.resolve(fragment);
            Files.writeString(file, data.path(fragment).asText());
            includes.append("    <xi:include href=\"").append(file.toUri()).append("\"/>\n");
        }
        Path brokerXml = brokerHome.resolve("broker.xml");
        Files.writeString(brokerXml, """
                <configuration xmlns="urn:activemq" xmlns:xi="http://www.w3.org/2001/XInclude">
                  <core xmlns="urn:activemq:core">
                    <name>waybill-topology-test</name>
                    <persistence-enabled>false</persistence-enabled>
                    <security-enabled>true</security-enabled>
                    <jmx-management-enabled>false</jmx-management-enabled>
                    <paging-directory>%1$s/paging</paging-directory>
                    <bindings-directory>%1$s/bindings</bindings-directory>
                    <journal-directory>%1$s/journal</journal-directory>
                    <large-messages-directory>%1$s/large</large-messages-directory>
                    <acceptors>
                      <acceptor name="in-vm">vm://0</acceptor>
                    </acceptors>
                %2$s  </core>
                </configuration>
                """.formatted(brokerHome, includes));
        FileConfiguration configuration = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(brokerXml.toUri().toString());
        deployment.addDeployable(configuration);
        deployment.readConfiguration();
        broker = new EmbeddedActiveMQ();
        broker.setConfiguration(configuration);
        broker.setSecurityManager(new ServiceIdentities());
        broker.start();
        server = broker.getActiveMQServer();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void theChartsStreamsAreExactlyTheEventStreamTable() {
        Map<String, Set<String>> rendered = new TreeMap<>();
        server.getConfiguration().getAddressConfigurations().forEach(address -> rendered.put(address.getName(),
                address.getQueueConfigs().stream().map(q -> q.getName().toString()).collect(Collectors.toSet())));
        Map<String, Set<String>> expected = new TreeMap<>();
        for (EventStream stream : EventStream.values()) {
            expected.put(stream.address(), stream.consumers().stream().map(stream::queueName).collect(Collectors.toSet()));
        }
        expected.put(DEAD_LETTERS, Set.of(DEAD_LETTERS));

        assertEquals(expected, rendered);
    }

    @Test
    void everyConsumerQueueExistsUpFrontAsADurableMulticastQueueOnItsOwnStream() {
        for (EventStream stream : EventStream.values()) {
            for (String consumer : stream.consumers()) {
                Queue queue = server.locateQueue(stream.queueName(consumer));
                assertNotNull(queue, stream.queueFor(consumer) + " was not created");
                assertEquals(stream.address(), queue.getAddress().toString(), "queue names are unique broker-wide");
                assertTrue(queue.isDurable(), stream.queueFor(consumer));
                assertEquals(RoutingType.MULTICAST, queue.getRoutingType(), stream.queueFor(consumer));
            }
        }
    }

    @Test
    void eachServiceMaySendOnlyToTheStreamItOwns() throws Exception {
        for (EventStream stream : EventStream.values()) {
            for (String service : SERVICES) {
                assertEquals(service.equals(stream.owner()), allowed(service, stream.address(), null, CheckType.SEND),
                        service + " sending to " + stream.address());
            }
        }
    }

    @Test
    void eachServiceMayConsumeOnlyItsOwnQueues() throws Exception {
        for (EventStream stream : EventStream.values()) {
            for (String consumer : stream.consumers()) {
                for (String service : SERVICES) {
                    assertEquals(service.equals(consumer),
                            allowed(service, stream.address(), stream.queueName(consumer), CheckType.CONSUME),
                            service + " consuming " + stream.queueFor(consumer));
                }
            }
        }
    }

    @Test
    void noServiceMayCreateOrDeleteQueuesOrManageTheBroker() throws Exception {
        for (EventStream stream : EventStream.values()) {
            for (String service : SERVICES) {
                for (CheckType check : List.of(CheckType.CREATE_DURABLE_QUEUE, CheckType.DELETE_DURABLE_QUEUE,
                        CheckType.CREATE_NON_DURABLE_QUEUE, CheckType.CREATE_ADDRESS, CheckType.MANAGE)) {
                    assertFalse(allowed(service, stream.address(), service + "-own-queue", check),
                            service + " " + check + " on " + stream.address());
                }
            }
        }
    }

    @Test
    void onlyOperatorsMayTakeMessagesFromTheDeadLetterAddress() throws Exception {
        for (String service : SERVICES) {
            assertFalse(allowed(service, DEAD_LETTERS, DEAD_LETTERS, CheckType.CONSUME), service);
        }
        assertTrue(allowed("waybill-operator", DEAD_LETTERS, DEAD_LETTERS, CheckType.CONSUME));
    }

    @Test
    void aPublishedEventReachesEveryConsumingServiceOnceThroughItsOwnQueue() throws Exception {
        EventStream orders = EventStream.ORDERS;
        try (Session publisher = Session.as(orders.owner())) {
            publisher.send(orders.address(), "order-accepted-1");
        }
        for (String consumer : orders.consumers()) {
            try (Session session = Session.as(consumer)) {
                assertEquals("order-accepted-1", session.receive(orders.queueFor(consumer)), consumer);
                assertEquals(null, session.receiveNow(orders.queueFor(consumer)), consumer + " got it once");
                session.commit();
            }
        }
    }

    @Test
    void sendingToAnotherServicesStreamIsRefusedOnTheWire() throws Exception {
        try (Session billing = Session.as("billing-service")) {
            assertThrows(ActiveMQSecurityException.class, () -> billing.send("waybill.orders", "forged"));
        }
    }

    @Test
    void consumingAnotherServicesQueueIsRefusedOnTheWire() throws Exception {
        try (Session portal = Session.as("portal-api")) {
            assertThrows(ActiveMQSecurityException.class,
                    () -> portal.receiveNow(EventStream.ORDERS.queueFor("billing-service")));
        }
    }

    @Test
    void anEventThatKeepsFailingLandsOnTheDeadLetterAddressWhileOtherConsumersKeepTheirCopy() throws Exception {
        EventStream billing = EventStream.BILLING;
        // The rendered delays (1 s doubling) would make this test wait 15 s; only the delay is shortened here.
        server.getAddressSettingsRepository().addMatch(billing.address(), new AddressSettings().setRedeliveryDelay(0));
        try (Session publisher = Session.as(billing.owner())) {
            publisher.send(billing.address(), "invoice-posted-1");
        }
        try (Session portal = Session.as("portal-api")) {
            for (int delivery = 1; delivery <= 5; delivery++) {
                assertEquals("invoice-posted-1", portal.receive(billing.queueFor("portal-api")), "delivery " + delivery);
                portal.rollback();
            }
            assertEquals(null, portal.receiveNow(billing.queueFor("portal-api")), "no sixth delivery");
        } finally {
            server.getAddressSettingsRepository().removeMatch(billing.address());
        }
        try (Session operator = Session.as("waybill-operator")) {
            assertEquals("invoice-posted-1", operator.receive(DEAD_LETTERS + "::" + DEAD_LETTERS));
            operator.commit();
        }
        try (Session odoo = Session.as("odoo-connector")) {
            assertEquals("invoice-posted-1", odoo.receive(billing.queueFor("odoo-connector")));
            odoo.commit();
        }
    }

    @Test
    void failedDeliveriesAreRetriedWithGrowingDelaysThenDeadLetteredAndQueuesAreNeverAutoCreated() {
        for (EventStream stream : EventStream.values()) {
            AddressSettings settings = server.getAddressSettingsRepository().getMatch(stream.address());
            assertEquals(DEAD_LETTERS, settings.getDeadLetterAddress().toString(), stream.address());
            assertEquals(5, settings.getMaxDeliveryAttempts(), stream.address());
            assertEquals(1000, settings.getRedeliveryDelay(), stream.address());
            assertTrue(settings.getRedeliveryMultiplier() > 1, "each redelivery waits longer than the one before");
            assertEquals(60_000, settings.getMaxRedeliveryDelay(), stream.address());
            assertFalse(settings.isAutoCreateQueues(), "a misspelled queue must fail, not appear empty");
            assertFalse(settings.isAutoCreateAddresses(), stream.address());
        }
        assertNotNull(server.locateQueue(DEAD_LETTERS));
    }

    /** A core-protocol session of one broker identity over the in-VM acceptor, transacted like the services' inbox. */
    private static final class Session implements AutoCloseable {
        private final ServerLocator locator;
        private final ClientSession session;

        private Session(String identity) throws Exception {
            locator = ActiveMQClient.createServerLocator("vm://0");
            session = locator.createSessionFactory().createSession(identity, "not-checked", false, true, false, false, 0);
            session.start();
        }

        static Session as(String identity) throws Exception {
            return new Session(identity);
        }

        void send(String address, String body) throws ActiveMQException {
            try (ClientProducer producer = session.createProducer(address)) {
                ClientMessage message = session.createMessage(true);
                message.getBodyBuffer().writeString(body);
                producer.send(message);
            }
        }

        /** Waits up to 5 s for a message: a bound against hanging, not a timing assertion. */
        String receive(String fullyQualifiedQueue) throws ActiveMQException {
            return read(fullyQualifiedQueue, 5_000);
        }

        String receiveNow(String fullyQualifiedQueue) throws ActiveMQException {
            return read(fullyQualifiedQueue, 0);
        }

        private String read(String queue, long timeoutMillis) throws ActiveMQException {
            try (ClientConsumer consumer = session.createConsumer(queue)) {
                ClientMessage message = timeoutMillis == 0 ? consumer.receiveImmediate() : consumer.receive(timeoutMillis);
                if (message == null) {
                    return null;
                }
                message.acknowledge();
                return message.getBodyBuffer().readString();
            }
        }

        void commit() throws ActiveMQException {
            session.commit();
        }

        void rollback() throws ActiveMQException {
            session.rollback();
        }

        @Override
        public void close() throws Exception {
            session.close();
            locator.close();
        }
    }

    private static boolean allowed(String identity, String address, String queue, CheckType check) throws Exception {
        SecurityStoreImpl security = (SecurityStoreImpl) server.getSecurityStore();
        return security.hasPermission(SimpleString.of(address), queue == null ? null : SimpleString.of(queue), check,
                new Identity(identity));
    }

    /**
     * Stands in for the broker's JAAS login: each service authenticates as itself and holds the role of the same
     * name (artemis-roles.properties: order-service=order-service), operators hold waybill-operator. Which
     * security-setting applies to an address or a fully qualified queue is Artemis' own decision.
     */
    static final class ServiceIdentities implements ActiveMQSecurityManager {

        private static final Map<String, String> ROLES = new HashMap<>();

        static {
            SERVICES.forEach(service -> ROLES.put(service, service));
            ROLES.put("waybill-operator", "waybill-operator");
        }

        @Override
        public boolean validateUser(String user, String password) {
            return ROLES.containsKey(user);
        }

        @Override
        public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
            return validateUser(user, password) && roles.stream()
                    .anyMatch(role -> role.getName().equals(ROLES.get(user)) && checkType.hasRole(role));
        }
    }

    private record Identity(String getUsername) implements SecurityAuth {
        @Override
        public String getPassword() {
            return "not-checked";
        }

        @Override
        public RemotingConnection getRemotingConnection() {
            return null;
        }

        @Override
        public String getSecurityDomain() {
            return null;
        }
    }
}
