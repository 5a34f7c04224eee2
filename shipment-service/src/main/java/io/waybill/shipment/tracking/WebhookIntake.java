package io.waybill.shipment.tracking;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.foundation.security.Claims;
import io.waybill.foundation.security.Scopes;
import io.waybill.shipment.carrier.CarrierAdapter;
import io.waybill.shipment.carrier.CarrierRegistry;
import io.waybill.shipment.carrier.CarriersConfig;
import io.waybill.shipment.persistence.CarrierWebhookEntity;
import io.waybill.shipment.persistence.WebhookRejectionEntity;
import io.waybill.shipment.tracking.signature.EasyPostSignature;
import io.waybill.shipment.tracking.signature.StandardWebhooks;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Takes a carrier webhook in: authenticates it, stores it as received, and acknowledges it. Processing happens
 * later ({@link WebhookProcessor}), so a slow database query or broker never makes a carrier time out and retry.
 * <p>
 * A webhook is authentic if it carries a valid OAuth2 token of the carrier itself (scope
 * {@code shipments.tracking.write}, {@code partner_id} = the carrier id), or, for carriers that only sign, a valid
 * signature in the carrier's scheme: Standard Webhooks, or EasyPost's HMAC. A forged or stale signature, or a delivery
 * id reused for another body, is refused with 401 and recorded in {@code webhook_rejection}. The same delivery again
 * (same id, same body, and for Standard Webhooks a fresh timestamp) is the carrier retrying: acknowledged, no effect.
 */
@ApplicationScoped
public class WebhookIntake {

    private static final Logger LOG = Logger.getLogger(WebhookIntake.class);

    /** The headers the intake looks at, whatever their case on the wire. */
    public record Headers(String webhookId, String webhookTimestamp, String webhookSignature, String easyPostSignature,
                          String remote) {
    }

    public record Receipt(UUID id, String deliveryId) {
    }

    private final CarrierRegistry carriers;
    private final Clock clock;
    private final Duration tolerance;
    private final MeterRegistry registry;

    public WebhookIntake(CarrierRegistry carriers, Clock clock, MeterRegistry registry,
                         @ConfigProperty(name = "waybill.tracking.signature-tolerance") Duration tolerance) {
        this.carriers = carriers;
        this.clock = clock;
        this.registry = registry;
        this.tolerance = tolerance;
    }

    public Uni<Receipt> receive(String carrierId, Headers headers, byte[] rawBody, SecurityIdentity identity) {
        CarrierAdapter adapter = carriers.find(carrierId)
                .orElseThrow(() -> ProblemException.notFound("carrier", "No carrier " + carrierId + " is configured"));
        String body = new String(rawBody, StandardCharsets.UTF_8);
        Instant now = clock.instant();

        if (identity != null && !identity.isAnonymous()) {
            // A partner with a token: authorized by scope and by being this very carrier; a retry of the same
            // delivery is simply acknowledged again.
            if (!identity.hasRole(Scopes.SHIPMENTS_TRACKING_WRITE)) {
                throw ProblemException.forbidden("Posting carrier webhooks needs scope " + Scopes.SHIPMENTS_TRACKING_WRITE);
            }
            if (!carrierId.equals(Claims.requirePartnerId(identity))) {
                throw ProblemException.forbidden("Your token is not that of carrier " + carrierId);
            }
            String deliveryId = firstNonBlank(headers.webhookId(), adapter.webhookDeliveryId(body).orElse(null), hash(body));
            return store(carrierId, deliveryId, "oauth2:" + identity.getPrincipal().getName(), body, now,
                    duplicate -> Uni.createFrom().item(new Receipt(duplicate.id, deliveryId)));
        }

        CarriersConfig.Carrier config = carriers.config(carrierId);
        List<String> secrets = config.webhookSecrets().orElse(List.of());
        String deliveryId;
        String failure;
        String scheme;
        switch (config.webhookAuth()) {
            case STANDARD_WEBHOOKS -> {
                scheme = "standard-webhooks";
                deliveryId = headers.webhookId();
                failure = StandardWebhooks.verify(secrets, headers.webhookId(), headers.webhookTimestamp(),
                        headers.webhookSignature(), rawBody, now, tolerance);
            }
            case EASYPOST_HMAC -> {
                scheme = "easypost-hmac";
                deliveryId = adapter.webhookDeliveryId(body).orElse(hash(body));
                failure = EasyPostSignature.verify(secrets, headers.easyPostSignature(), rawBody);
            }
            default -> {
                scheme = "oauth2";
                deliveryId = headers.webhookId();
                failure = "a bearer token of the carrier is required";
            }
        }
        if (failure != null) {
            return reject(carrierId, deliveryId, failure, headers.remote(), now);
        }
        // Authentic and fresh. A delivery id seen before is the carrier's redelivery when it carries the same body
        // (Standard Webhooks and EasyPost retry under the same id): acknowledged again, with no second effect. The
        // same id over another body is no retry: refused and recorded.
        return store(carrierId, deliveryId, scheme, body, now, duplicate -> duplicate.body.equals(body)
                ? redelivered(carrierId, duplicate)
                : reject(carrierId, deliveryId, "delivery id " + deliveryId + " reused with a different body",
                headers.remote(), now));
    }

    /** Secrets that cannot be keys stop the service at startup, naming the carrier, not every webhook later. */
    void checkWebhookSecrets(@Observes StartupEvent start) {
        for (String carrierId : carriers.carrierIds()) {
            CarriersConfig.Carrier config = carriers.config(carrierId);
            if (config.webhookAuth() == CarriersConfig.WebhookAuth.STANDARD_WEBHOOKS) {
                StandardWebhooks.checkSecrets(carrierId, config.webhookSecrets().orElse(List.of()));
            }
        }
    }

    private Uni<Receipt> redelivered(String carrierId, CarrierWebhookEntity first) {
        LOG.debugf("Carrier %s redelivered %s; acknowledged again", carrierId, first.deliveryId);
        registry.counter("waybill.tracking.webhooks.redelivered", "carrier", carrierId).increment();
        return Uni.createFrom().item(new Receipt(first.id, first.deliveryId));
    }

    private Uni<Receipt> store(String carrierId, String deliveryId, String authenticated, String body, Instant now,
                               Function<CarrierWebhookEntity, Uni<Receipt>> onDuplicate) {
        CarrierWebhookEntity webhook = new CarrierWebhookEntity();
        webhook.id = UUID.randomUUID();
        webhook.carrierId = carrierId;
        webhook.deliveryId = deliveryId;
        webhook.authenticated = authenticated;
        webhook.body = body;
        webhook.receivedAt = now;
        webhook.nextAttemptAt = now;
        webhook.status = CarrierWebhookEntity.Status.RECEIVED;
        return Panache.withTransaction(() -> CarrierWebhookEntity.count("carrierId = ?1 and deliveryId = ?2",
                        carrierId, deliveryId)
                        .chain(seen -> seen > 0 ? Uni.createFrom().item(false)
                                : webhook.persist().replaceWith(true)))
                // Two copies racing past the check: the unique constraint decides, the loser is the duplicate.
                .onFailure(WebhookIntake::isUniqueViolation).recoverWithItem(false)
                .chain(stored -> {
                    if (stored) {
                        registry.counter("waybill.tracking.webhooks.received", "carrier", carrierId).increment();
                        return Uni.createFrom().item(new Receipt(webhook.id, deliveryId));
                    }
                    return Panache.withSession(() -> CarrierWebhookEntity.<CarrierWebhookEntity>find(
                                    "carrierId = ?1 and deliveryId = ?2", carrierId, deliveryId).firstResult())
                            .chain(onDuplicate::apply);
                });
    }

    private Uni<Receipt> reject(String carrierId, String deliveryId, String reason, String remote, Instant now) {
        LOG.warnf("Refused webhook of carrier %s (delivery %s from %s): %s", carrierId, deliveryId, remote, reason);
        registry.counter("waybill.tracking.webhooks.rejected", "carrier", carrierId).increment();
        WebhookRejectionEntity rejection = new WebhookRejectionEntity();
        rejection.id = UUID.randomUUID();
        rejection.carrierId = carrierId;
        rejection.deliveryId = deliveryId == null ? null : truncate(deliveryId, 200);
        rejection.reason = truncate(reason, 500);
        rejection.remote = remote;
        rejection.receivedAt = now;
        return Panache.withTransaction(rejection::persist)
                .chain(() -> Uni.createFrom().failure(
                        new ProblemException(401, "webhook-signature-invalid", "Webhook not authenticated", reason)));
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException
                    || (t.getMessage() != null && t.getMessage().contains("23505"))) {
                return true;
            }
        }
        return false;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    static String hash(String body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
