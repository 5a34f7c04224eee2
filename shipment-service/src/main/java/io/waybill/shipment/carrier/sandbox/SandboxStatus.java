package io.waybill.shipment.carrier.sandbox;

/**
 * The sandbox carriers' own tracking vocabulary: deliberately not Waybill's, so the sandbox exercises normalization
 * through its mapping table ({@code carriers/sandbox.properties}) like any real carrier.
 */
public enum SandboxStatus {
    LABEL_CREATED,
    COLLECTED,
    HUB_SCAN,
    ON_VEHICLE,
    DELIVERY_FAILED,
    AT_PARCELSHOP,
    DELIVERED,
    DAMAGED,
    RETURNED,
    VOIDED
}
