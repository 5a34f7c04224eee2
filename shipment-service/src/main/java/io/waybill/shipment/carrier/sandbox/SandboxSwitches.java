package io.waybill.shipment.carrier.sandbox;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

/**
 * The behaviour switches of one sandbox carrier, changeable while it runs ({@code PUT /<carrier>/_switches}). Rates
 * make a realistic demo; the "next N" counters make deterministic tests.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class SandboxSwitches {

    /** Added before every answer. */
    public volatile long latencyMs;
    /** Share of requests answered 503. */
    public volatile double errorRate;
    /** Share of requests answered 429. */
    public volatile double throttleRate;
    /** The next N requests are answered 429. */
    public volatile int throttleNext;
    /** The next N requests are answered 503. */
    public volatile int failNext;
    public volatile int retryAfterSeconds = 1;
    /**
     * The next N label purchases are carried out but their answer is lost (503 after the label exists): the
     * situation where a careless client buys a second label.
     */
    public volatile int loseNextLabelResponses;
    /**
     * Added before the answer to a label purchase only (quotes and lookups answer at once). The label is issued when
     * the delay is over, whether or not the caller still waits: a purchase that times out may still buy a label.
     */
    public volatile long labelLatencyMs;
    public volatile int duplicates;
    public volatile boolean outOfOrder;
    /** Whether this carrier pushes webhooks at all; off means it must be polled. */
    public volatile boolean webhooks = true;
    public volatile double priceFactor = 1.0;
    /** Time between two milestones of a parcel bought from now on; 0 means {@code waybill.sandbox.tick}. */
    public volatile long tickMs;

    static SandboxSwitches from(SandboxConfig.Switches config) {
        SandboxSwitches switches = new SandboxSwitches();
        if (config != null) {
            switches.latencyMs = config.latency().toMillis();
            switches.errorRate = config.errorRate();
            switches.throttleRate = config.throttleRate();
            switches.retryAfterSeconds = config.retryAfterSeconds();
            switches.duplicates = config.duplicates();
            switches.outOfOrder = config.outOfOrder();
            switches.webhooks = config.webhooks();
            switches.priceFactor = config.priceFactor();
        }
        return switches;
    }

}
