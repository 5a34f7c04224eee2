package io.waybill.partners.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.waybill.partners.onboarding.PartnerRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A registered partner and the Keycloak client that is its identity. */
@Entity
@Table(name = "partner")
public class Partner extends PanacheEntityBase {

    public enum Status { ACTIVE, REVOKED }

    /** The partner id every token of this partner carries in its partner_id claim; also its client id. */
    @Id
    @Column(name = "partner_id")
    public String partnerId;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PartnerRole role;

    @Column(name = "keycloak_client_uuid", nullable = false)
    public String keycloakClientUuid;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "registered_at", nullable = false)
    public OffsetDateTime registeredAt;

    @Column(name = "registered_by", nullable = false)
    public String registeredBy;

    @Column(name = "credentials_rotated_at")
    public OffsetDateTime credentialsRotatedAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
}
