package io.waybill.odoo.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.waybill.odoo.client.OdooApiFlavour;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Everything about the one Odoo database this connector serves. */
@ConfigMapping(prefix = "waybill.odoo")
public interface OdooConnectorConfig {

    /** JSON_RPC for Odoo 16-18, JSON_2 for Odoo 19 and later. */
    OdooApiFlavour api();

    URI url();

    String database();

    /** The Odoo login of the integration user (JSON-RPC only; JSON-2 knows the user from its key). */
    Optional<String> login();

    String apiKey();

    @WithDefault("5s")
    Duration connectTimeout();

    /** After this long without an answer a call's outcome is unknown (it may have been applied). */
    @WithDefault("30s")
    Duration requestTimeout();

    RateLimit rateLimit();

    Webhook webhook();

    Poll poll();

    WriteQueue writeQueue();

    Inventory inventory();

    Reconciliation reconciliation();

    interface Reconciliation {
        /** How often Waybill's view is compared with Odoo's (orders, tracking refs, invoice payment states). */
        @WithDefault("15m")
        Duration interval();
    }

    interface RateLimit {
        /** At most this many calls reach Odoo in any one-second window, whatever the connector is doing. */
        @WithDefault("5")
        int callsPerSecond();
    }

    interface Webhook {
        /**
         * The unguessable part of the webhook URL ({@code /odoo/webhooks/<secret>}). Odoo's webhook action cannot
         * send credentials, so knowing this URL is the only guard: at least 32 random characters.
         */
        String secret();

        /** Where Odoo should post, as Odoo reaches the connector (for the installed automation rules). */
        Optional<URI> publicBaseUrl();

        /** How often a stored hint is read back before it is left to the poll. */
        @WithDefault("8")
        int maxReadAttempts();

        @WithDefault("1s")
        Duration firstRetryAfter();

        /** How often stored hints are looked at (the scheduler's floor is one second). */
        @WithDefault("1s")
        Duration processingInterval();
    }

    interface Poll {
        /** Safety net for missed webhooks: records changed since the last poll are read back. */
        @WithDefault("60s")
        Duration interval();

        @WithDefault("100")
        int batchSize();

        /** Where the first poll starts when nothing was polled yet (Odoo UTC datetime, e.g. 2026-01-01 00:00:00). */
        @WithDefault("1970-01-01 00:00:00")
        String startFrom();

        @WithDefault("true")
        boolean enabled();
    }

    interface WriteQueue {
        /** First pause after Odoo was found unavailable; doubles up to {@link #maxPause()} while it stays down. */
        @WithDefault("1s")
        Duration pause();

        @WithDefault("60s")
        Duration maxPause();

        /** A write failing for another reason than Odoo's availability is set aside after this many attempts. */
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("true")
        boolean enabled();

        /** How often the worker looks for queued writes when idle; a run drains the queue. */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * How often the queue's depth and failed count are read for the metrics
         * ({@code waybill_odoo_write_queue_depth}, {@code waybill_odoo_write_queue_failed}).
         */
        @WithDefault("10s")
        Duration metricsInterval();
    }

    interface Inventory {
        /** Odoo stock location (stock.location id) of each Waybill warehouse id, for inventory adjustments. */
        Map<String, Long> locations();
    }
}
