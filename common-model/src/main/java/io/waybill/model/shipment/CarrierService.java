package io.waybill.model.shipment;

import java.util.Objects;

/**
 * A service a carrier sells, e.g. {@code swiftpost / SP-EXPRESS} at service level {@code EXPRESS}. The service code
 * is the carrier's own; the service level is Waybill's (what an order asks for: ECONOMY, STANDARD, EXPRESS...).
 */
public record CarrierService(String carrierId, String serviceCode, String serviceLevel) {

    public CarrierService {
        Objects.requireNonNull(carrierId, "carrierId");
        Objects.requireNonNull(serviceCode, "serviceCode");
        Objects.requireNonNull(serviceLevel, "serviceLevel");
    }
}
