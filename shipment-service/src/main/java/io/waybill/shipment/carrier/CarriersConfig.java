package io.waybill.shipment.carrier;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import io.waybill.model.shipment.LabelFormat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code waybill.carriers.<carrierId>.*}: which carriers exist, how to reach them, how to guard calls to them. */
@ConfigMapping(prefix = "waybill.carriers")
public interface CarriersConfig {

    @WithParentName
    Map<String, Carrier> carriers();

    interface Carrier {

        /** Which adapter speaks to it: {@code sandbox} or {@code easypost}. */
        String adapter();

        @WithDefault("true")
        boolean enabled();

        String baseUrl();

        Optional<String> apiKey();

        /** How its webhooks are authenticated besides OAuth2 bearer tokens. */
        @WithDefault("oauth2")
        WebhookAuth webhookAuth();

        /** Signing secrets; several during a key rotation. */
        Optional<List<String>> webhookSecrets();

        /** Whether it pushes tracking webhooks or has to be polled. */
        @WithDefault("webhook")
        TrackingMode tracking();

        @WithDefault("PDF")
        LabelFormat labelFormat();

        FaultTolerance faultTolerance();
    }

    enum WebhookAuth {
        /** Only OAuth2 client-credentials tokens (scope shipments.tracking.write, partner_id = carrier id). */
        OAUTH2,
        /** Standard Webhooks signatures (webhook-id, webhook-timestamp, webhook-signature), or a token. */
        STANDARD_WEBHOOKS,
        /** EasyPost's X-Hmac-Signature over the raw body, or a token. */
        EASYPOST_HMAC
    }

    enum TrackingMode {
        WEBHOOK, POLLING
    }

    /** Per-carrier policy: every call is timed out, retried when it may help, and broken off when the carrier is down. */
    interface FaultTolerance {

        @WithDefault("5s")
        Duration timeout();

        /** Retries after the first attempt, for retryable failures only (5xx, timeouts, 429). */
        @WithDefault("3")
        int maxRetries();

        /** First backoff; doubles per retry, with up to half of it as random jitter. */
        @WithDefault("200ms")
        Duration retryDelay();

        @WithDefault("5s")
        Duration maxRetryDelay();

        /** A 429 asking to wait longer than this is not waited for: the booking moves on to the next carrier. */
        @WithDefault("30s")
        Duration maxRetryAfter();

        /** Calls in the breaker's rolling window before it may open. */
        @WithDefault("10")
        int breakerVolume();

        @WithDefault("0.5")
        double breakerFailureRatio();

        /** How long an open breaker refuses calls before letting a probe through. */
        @WithDefault("30s")
        Duration breakerDelay();

        /** Concurrent calls allowed to this carrier; more are refused at once rather than queued. */
        @WithDefault("10")
        int bulkhead();
    }
}
