package io.waybill.foundation.deadletter;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A message a consumer could not handle after every retry, kept whole for an operator to inspect and replay. */
@Entity
@Table(name = "dead_letter")
public class DeadLetter extends PanacheEntityBase {

    public enum Status { OPEN, REPLAYED, DISCARDED }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String consumer;

    @Column(name = "message_id")
    public String messageId;

    @Column(name = "event_type")
    public String eventType;

    public String subject;

    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Column(nullable = false, columnDefinition = "text")
    public String error;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "failed_at", nullable = false)
    public OffsetDateTime failedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "replay_error", columnDefinition = "text")
    public String replayError;
}
