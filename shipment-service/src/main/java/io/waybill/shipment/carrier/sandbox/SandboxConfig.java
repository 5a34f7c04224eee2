package io.waybill.shipment.carrier.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** {@code waybill.sandbox.*}: the built-in sandbox carrier server and the initial switches of each sandbox carrier. */
@ConfigMapping(prefix = "waybill.sandbox")
public interface SandboxConfig {

    @WithDefault("false")
    boolean enabled();

    int port();

    /** Base URL of shipment-service where sandbox webhooks go; empty: the sandbox sends none. */
    Optional<String> webhookTarget();

    /** Time between two milestones of a sandbox parcel. */
    @WithDefault("5s")
    Duration tick();

    /**
     * Where each sandbox carrier journals what it sold, so parcels keep moving across restarts of this service;
     * absent, the sandbox forgets everything when the service stops.
     */
    Optional<java.nio.file.Path> journal();

    /** Initial switches per sandbox carrier id; all off unless set. */
    Map<String, Switches> carriers();

    interface Switches {
        @WithDefault("0ms")
        Duration latency();

        /** Share of requests answered 503, 0..1. */
        @WithDefault("0")
        double errorRate();

        /** Share of requests answered 429 with Retry-After, 0..1. */
        @WithDefault("0")
        double throttleRate();

        @WithDefault("1")
        int retryAfterSeconds();

        /** Extra copies of every webhook, each under a new webhook-id (as carriers' at-least-once delivery does). */
        @WithDefault("0")
        int duplicates();

        /** Deliver webhooks in a shuffled order. */
        @WithDefault("false")
        boolean outOfOrder();

        /** Whether the carrier pushes webhooks; off means it can only be polled. */
        @WithDefault("true")
        boolean webhooks();

        /** Price multiplier, so several sandbox carriers quote differently. */
        @WithDefault("1.0")
        double priceFactor();
    }
}
