package io.waybill.events;

/**
 * A check the outbox runs on every event it is about to store. Production services have none; test-support supplies
 * one that validates the envelope and its data against the catalog's JSON Schema, so every event a service's code
 * really publishes in its tests is checked against its contract, not only the catalog's examples.
 */
public interface EventContractCheck {

    /** Throws {@link IllegalArgumentException} saying what is wrong when the event breaks its contract. */
    void check(EventType<?> type, EventEnvelope envelope);
}
