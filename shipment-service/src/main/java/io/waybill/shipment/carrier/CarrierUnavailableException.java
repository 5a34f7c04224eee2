package io.waybill.shipment.carrier;

/** The carrier could not answer now (5xx, connection refused or reset, read timeout): worth another try. */
public class CarrierUnavailableException extends CarrierException {

    public CarrierUnavailableException(String carrierId, String message, Throwable cause) {
        super(carrierId, message, cause);
    }

    public CarrierUnavailableException(String carrierId, String message) {
        this(carrierId, message, null);
    }
}
