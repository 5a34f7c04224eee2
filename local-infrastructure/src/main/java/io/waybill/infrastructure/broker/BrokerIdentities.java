package io.waybill.infrastructure.broker;

import io.waybill.events.EventStream;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Each service's own broker identity and what it may do, derived from {@link EventStream}: send to the stream it
 * owns, consume the streams it subscribes to, nothing else (no creating or deleting queues or addresses: the
 * topology is fixed up front). The Helm chart renders the same rules for a production broker.
 */
public final class BrokerIdentities {

    public static final String PARTNER_REGISTRY = "partner-registry";

    private BrokerIdentities() {
    }

    /** The local-development password of a service's broker identity. Production passwords come from secrets. */
    public static String localPassword(String service) {
        return "local-dev-only-amqp-" + service;
    }

    static ActiveMQJAASSecurityManager securityManager() {
        SecurityConfiguration users = new SecurityConfiguration();
        for (String service : EventStream.Services.ALL) {
            users.addUser(service, localPassword(service));
            users.addRole(service, service);
        }
        // partner-registry publishes no events yet: it may connect (its outbox relay does) and do nothing else.
        users.addUser(PARTNER_REGISTRY, localPassword(PARTNER_REGISTRY));
        users.addRole(PARTNER_REGISTRY, PARTNER_REGISTRY);
        return new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users);
    }

    /** Address match -> roles, as Artemis' security settings. */
    static Map<String, Set<Role>> permissions() {
        Map<String, Set<Role>> permissions = new LinkedHashMap<>();
        for (EventStream stream : EventStream.values()) {
            Set<Role> roles = new HashSet<>();
            roles.add(role(stream.owner(), true, false));
            for (String consumer : stream.consumers()) {
                roles.add(role(consumer, false, true));
            }
            permissions.put(stream.address(), roles);
        }
        return permissions;
    }

    private static Role role(String service, boolean send, boolean consume) {
        // name, send, consume, createDurableQueue, deleteDurableQueue, createNonDurableQueue,
        // deleteNonDurableQueue, manage, browse, createAddress, deleteAddress, view, edit
        return new Role(service, send, consume, false, false, false, false, false, consume, false, false, false, false);
    }
}
