package io.waybill.foundation.security;

/**
 * OAuth2 scopes, one per API capability. Tokens carry them in the {@code scope} claim, which every service maps to
 * roles ({@code quarkus.oidc.roles.role-claim-path=scope}), so {@code @RolesAllowed(Scopes.ORDERS_WRITE)} reads as
 * the scope an endpoint needs. The Keycloak realm declares the same list.
 */
public final class Scopes {

    public static final String ORDERS_READ = "orders.read";
    public static final String ORDERS_WRITE = "orders.write";
    public static final String ORDERS_OPERATE = "orders.operate";
    public static final String INVENTORY_READ = "inventory.read";
    public static final String INVENTORY_ADJUST = "inventory.adjust";
    public static final String INVENTORY_RECONCILE = "inventory.reconcile";
    public static final String FULFILMENT_WRITE = "fulfilment.write";
    public static final String SHIPMENTS_READ = "shipments.read";
    public static final String SHIPMENTS_BOOK = "shipments.book";
    public static final String SHIPMENTS_TRACKING_WRITE = "shipments.tracking.write";
    public static final String SHIPMENTS_OPERATE = "shipments.operate";
    public static final String BILLING_READ = "billing.read";
    public static final String BILLING_WRITE = "billing.write";
    public static final String BILLING_AUDIT = "billing.audit";
    public static final String PORTAL_CUSTOMER = "portal.customer";
    public static final String ODOO_SYNC = "odoo.sync";
    public static final String OPS_DEAD_LETTERS = "ops.dead-letters";
    public static final String PARTNERS_MANAGE = "partners.manage";
    public static final String AUDIT_READ = "audit.read";

    private Scopes() {
    }
}
