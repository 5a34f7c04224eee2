package io.waybill.order.intake;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;

import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** An Idempotency-Key a client used, the order it created and a fingerprint of the request it came with. */
@Entity
@Table(name = "order_intake_key")
@IdClass(IntakeKey.Id.class)
public class IntakeKey extends PanacheEntityBase {

    @jakarta.persistence.Id
    @Column(name = "client_id")
    public String clientId;

    @jakarta.persistence.Id
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "order_id", nullable = false)
    public String orderId;

    @Column(name = "request_fingerprint", nullable = false)
    public String requestFingerprint;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static class Id implements Serializable {
        public String clientId;
        public String idempotencyKey;

        public Id() {
        }

        public Id(String clientId, String idempotencyKey) {
            this.clientId = clientId;
            this.idempotencyKey = idempotencyKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Id other && Objects.equals(clientId, other.clientId)
                    && Objects.equals(idempotencyKey, other.idempotencyKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(clientId, idempotencyKey);
        }
    }
}
