package io.waybill.portal.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One raw event the read model was built from, kept so the read model can be rebuilt by replaying them. */
@Entity
@Table(name = "portal_event_log")
public class LoggedEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long position;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "event_type")
    public String eventType;
    public String subject;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "event_time")
    public Instant eventTime;
    /** The CloudEvents envelope exactly as received. */
    public String envelope;
    @Column(name = "received_at")
    public Instant receivedAt;
}
