package io.waybill.order.invoicing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.waybill.order.saga.StringListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/**
 * An invoice billing-service issued for an order, and the shipments it covers. Kept
 * so that an invoice which arrives before order-service learnt of the delivery still counts once it does.
 */
@Entity
@Table(name = "order_invoice")
public class OrderInvoice extends PanacheEntityBase {

    @Id
    @Column(name = "invoice_id")
    public String invoiceId;

    @Column(name = "order_id", nullable = false)
    public String orderId;

    @Column(nullable = false)
    public String number;

    @Convert(converter = StringListConverter.class)
    @Column(name = "shipment_ids", nullable = false)
    public List<String> shipmentIds;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;
}
