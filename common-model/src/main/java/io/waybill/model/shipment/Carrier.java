package io.waybill.model.shipment;

import io.waybill.model.Require;

import java.util.List;

/** A carrier Waybill books with, and the services it sells; every service is the carrier's own. */
public record Carrier(String carrierId, String name, List<CarrierService> services) {

    public Carrier {
        Require.id(carrierId, "carrierId");
        Require.text(name, "name");
        services = Require.nonEmpty(services, "services");
        for (CarrierService service : services) {
            if (!service.carrierId().equals(carrierId)) {
                throw new IllegalArgumentException("service " + service.serviceCode() + " belongs to "
                        + service.carrierId() + ", not " + carrierId);
            }
        }
        Require.unique(services, CarrierService::serviceCode, "services' serviceCode");
    }
}
