package io.waybill.events;

import java.util.List;

/**
 * The broker addresses events travel on: one stream per owning service, and the services that consume it.
 * <p>
 * Each consumer gets its own durable queue on the stream (see {@link #queueFor}), created up front by the
 * broker configuration, so every service receives every event once, replicas of one service share the work, and
 * nothing published while a service is down is lost. The local broker, the Helm chart and the services' channel
 * configuration are all derived from this one table. A consumer listed here must read its queue (a queue nobody
 * reads grows forever): {@code EveryConsumerQueueIsReadByItsServiceTest} checks each service's channels against it.
 */
public enum EventStream {

    ORDERS("waybill.orders", Services.ORDER,
            List.of(Services.INVENTORY, Services.SHIPMENT, Services.BILLING, Services.PORTAL, Services.ODOO_CONNECTOR)),
    INVENTORY("waybill.inventory", Services.INVENTORY,
            List.of(Services.ORDER, Services.ODOO_CONNECTOR)),
    SHIPMENTS("waybill.shipments", Services.SHIPMENT,
            List.of(Services.ORDER, Services.INVENTORY, Services.BILLING, Services.PORTAL, Services.ODOO_CONNECTOR)),
    BILLING("waybill.billing", Services.BILLING,
            List.of(Services.ORDER, Services.PORTAL, Services.ODOO_CONNECTOR)),
    ODOO("waybill.odoo", Services.ODOO_CONNECTOR,
            List.of(Services.ORDER, Services.BILLING, Services.PORTAL)),
    PORTAL("waybill.portal", Services.PORTAL, List.of(Services.SHIPMENT));

    private final String address;
    private final String owner;
    private final List<String> consumers;

    EventStream(String address, String owner, List<String> consumers) {
        this.address = address;
        this.owner = owner;
        this.consumers = consumers;
    }

    public String address() {
        return address;
    }

    public String owner() {
        return owner;
    }

    public List<String> consumers() {
        return consumers;
    }

    /**
     * The broker-wide name of a consumer's durable queue on this stream. Artemis queue names are global, so the
     * address is part of it: {@code waybill.orders.billing-service}.
     */
    public String queueName(String consumer) {
        if (!consumers.contains(consumer)) {
            throw new IllegalArgumentException(consumer + " does not consume " + address);
        }
        return address + "." + consumer;
    }

    /** The fully qualified queue name a receiver attaches to: {@code waybill.orders::waybill.orders.billing-service}. */
    public String queueFor(String consumer) {
        return address + "::" + queueName(consumer);
    }

    /** Service names, as used for queues, broker identities and CloudEvents sources. */
    public static final class Services {
        public static final String ORDER = "order-service";
        public static final String INVENTORY = "inventory-service";
        public static final String SHIPMENT = "shipment-service";
        public static final String BILLING = "billing-service";
        public static final String PORTAL = "portal-api";
        public static final String ODOO_CONNECTOR = "odoo-connector";

        public static final List<String> ALL = List.of(ORDER, INVENTORY, SHIPMENT, BILLING, PORTAL, ODOO_CONNECTOR);

        private Services() {
        }
    }
}
