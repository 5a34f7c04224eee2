package io.waybill.shipment.carrier;

/**
 * The carrier refused the request itself (4xx validation error, unknown service, address it cannot serve): asking
 * again would get the same answer, so it is neither retried nor held against the carrier's circuit breaker.
 */
public class CarrierRejectedException extends CarrierException {

    public CarrierRejectedException(String carrierId, String message) {
        super(carrierId, message, null);
    }
}
