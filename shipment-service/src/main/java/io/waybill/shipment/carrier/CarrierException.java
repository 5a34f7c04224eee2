package io.waybill.shipment.carrier;

/**
 * A carrier call that did not succeed. The subclasses decide what the fault-tolerance policy does with it:
 * {@link CarrierUnavailableException} (and {@link CarrierThrottledException}) is retried and counts against the
 * carrier's circuit breaker; {@link CarrierRejectedException} is final for this carrier and never retried.
 */
public abstract class CarrierException extends RuntimeException {

    private final String carrierId;

    protected CarrierException(String carrierId, String message, Throwable cause) {
        super(message, cause);
        this.carrierId = carrierId;
    }

    public String carrierId() {
        return carrierId;
    }
}
