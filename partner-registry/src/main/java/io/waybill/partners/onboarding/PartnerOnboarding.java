package io.waybill.partners.onboarding;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.audit.AuditTrail;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.partners.keycloak.PartnerClients;
import io.waybill.partners.persistence.Partner;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Registers partners and manages their credentials. The identity provider is changed first and the registry row
 * after, in the same transaction as its audit entry; a failure between the two leaves a client without a row, which
 * a retried registration reports as a conflict for an operator to resolve rather than a second identity.
 */
@ApplicationScoped
public class PartnerOnboarding {

    public record Credentials(String partnerId, String clientId, String clientSecret, List<String> scopes) {
    }

    private final PartnerClients clients;
    private final AuditTrail audit;
    private final Clock clock;

    public PartnerOnboarding(PartnerClients clients, AuditTrail audit, Clock clock) {
        this.clients = clients;
        this.audit = audit;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Credentials> register(String partnerId, String displayName, PartnerRole role, String operator) {
        return Partner.<Partner>findById(partnerId).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(ProblemException.conflict("partner-exists",
                        "Partner " + partnerId + " is already registered"));
            }
            return clients.issue(partnerId, displayName, role).chain(issued -> {
                Partner partner = new Partner();
                partner.partnerId = partnerId;
                partner.displayName = displayName;
                partner.role = role;
                partner.keycloakClientUuid = issued.keycloakUuid();
                partner.status = Partner.Status.ACTIVE;
                partner.registeredAt = OffsetDateTime.now(clock);
                partner.registeredBy = operator;
                return partner.persist()
                        .chain(() -> audit.recordChange("partner", partnerId, "registered",
                                Map.of("role", role.name(), "scopes", role.scopes(), "displayName", displayName), null))
                        .replaceWith(new Credentials(partnerId, issued.clientId(), issued.secret(), role.scopes()));
            });
        });
    }

    @WithTransaction
    public Uni<Credentials> rotate(String partnerId) {
        return active(partnerId).chain(partner -> clients.rotate(partner.keycloakClientUuid).chain(secret -> {
            partner.credentialsRotatedAt = OffsetDateTime.now(clock);
            return audit.recordChange("partner", partnerId, "credentials-rotated", Map.of(), null)
                    .replaceWith(new Credentials(partnerId, partnerId, secret, partner.role.scopes()));
        }));
    }

    @WithTransaction
    public Uni<Partner> revoke(String partnerId) {
        return active(partnerId).chain(partner -> clients.revoke(partner.keycloakClientUuid, partnerId).chain(() -> {
            partner.status = Partner.Status.REVOKED;
            partner.revokedAt = OffsetDateTime.now(clock);
            return audit.recordChange("partner", partnerId, "revoked", Map.of(), null).replaceWith(partner);
        }));
    }

    @WithSession
    public Uni<Partner> find(String partnerId) {
        return Partner.<Partner>findById(partnerId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("partner", "No partner " + partnerId));
    }

    @WithSession
    public Uni<List<Partner>> list() {
        return Partner.listAll();
    }

    private Uni<Partner> active(String partnerId) {
        return Partner.<Partner>findById(partnerId).chain(partner -> {
            if (partner == null) {
                return Uni.createFrom().failure(ProblemException.notFound("partner", "No partner " + partnerId));
            }
            if (partner.status != Partner.Status.ACTIVE) {
                return Uni.createFrom().failure(ProblemException.conflict("partner-revoked",
                        "Partner " + partnerId + " is revoked; register it again under a new id"));
            }
            return Uni.createFrom().item(partner);
        });
    }
}
