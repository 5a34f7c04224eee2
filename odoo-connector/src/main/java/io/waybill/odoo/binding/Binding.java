package io.waybill.odoo.binding;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** One row of the binding table: this Waybill id is that Odoo record. Created through {@link Bindings#bind}. */
@Entity
@Table(name = "odoo_binding")
public class Binding extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "odoo_model")
    public String odooModel;

    @Column(name = "odoo_id")
    public long odooId;

    /** Odoo's write_date of the version last published. */
    @Column(name = "odoo_version")
    public String odooVersion;

    public String state;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public BindingKind kind() {
        return key.kind;
    }

    public String canonicalId() {
        return key.canonicalId;
    }

    @Embeddable
    public static class Key implements Serializable {
        @Enumerated(EnumType.STRING)
        public BindingKind kind;

        @Column(name = "canonical_id")
        public String canonicalId;

        public Key() {
        }

        public Key(BindingKind kind, String canonicalId) {
            this.kind = kind;
            this.canonicalId = canonicalId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && kind == other.kind && canonicalId.equals(other.canonicalId);
        }

        @Override
        public int hashCode() {
            return kind.hashCode() * 31 + canonicalId.hashCode();
        }
    }
}
