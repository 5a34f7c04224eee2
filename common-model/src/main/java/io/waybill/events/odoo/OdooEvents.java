package io.waybill.events.odoo;

import io.waybill.events.EventStream;
import io.waybill.events.EventType;

import java.util.List;

/**
 * Events published by odoo-connector on {@link EventStream#ODOO}: what Odoo, the system of record for customers,
 * products, sales orders and posted invoices, says happened. Each is published once per fact, whichever way the
 * connector learnt it (webhook or poll).
 */
public final class OdooEvents {

    /** A sales order was confirmed in Odoo; order-service takes it in as a canonical order. Subject: the source reference. */
    public static final EventType<SalesOrderConfirmed> SALES_ORDER_CONFIRMED =
            EventType.of("waybill.odoo.sales-order-confirmed.v1", EventStream.ODOO, SalesOrderConfirmed.class);

    /** A confirmed sales order was cancelled in Odoo; order-service stops fulfilling it if it still can. */
    public static final EventType<SalesOrderCancelled> SALES_ORDER_CANCELLED =
            EventType.of("waybill.odoo.sales-order-cancelled.v1", EventStream.ODOO, SalesOrderCancelled.class);

    /** A customer (Odoo's commercial partner) as Odoo holds it now. Subject: the customer id. */
    public static final EventType<CustomerSynced> CUSTOMER_SYNCED =
            EventType.of("waybill.odoo.customer-synced.v1", EventStream.ODOO, CustomerSynced.class);

    /** A product as Odoo holds it now, keyed by SKU (Odoo's internal reference). Subject: the SKU. */
    public static final EventType<ProductSynced> PRODUCT_SYNCED =
            EventType.of("waybill.odoo.product-synced.v1", EventStream.ODOO, ProductSynced.class);

    /** The payment state of a customer invoice posted to Odoo changed. Subject: the invoice id. */
    public static final EventType<InvoicePaymentUpdated> INVOICE_PAYMENT_UPDATED =
            EventType.of("waybill.odoo.invoice-payment-updated.v1", EventStream.ODOO, InvoicePaymentUpdated.class);

    public static final List<EventType<?>> ALL = List.of(SALES_ORDER_CONFIRMED, SALES_ORDER_CANCELLED, CUSTOMER_SYNCED,
            PRODUCT_SYNCED, INVOICE_PAYMENT_UPDATED);

    /** The {@code sourceSystem} of orders that came from Odoo. */
    public static final String SOURCE_SYSTEM = "odoo";

    private OdooEvents() {
    }
}
