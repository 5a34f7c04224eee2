package io.waybill.shipment.booking;

import io.waybill.model.Address;
import jakarta.enterprise.context.ApplicationScoped;

/** The address parcels of a warehouse leave from (and returns go back to). */
@ApplicationScoped
public class ShipFrom {

    private final ShippingConfig config;

    public ShipFrom(ShippingConfig config) {
        this.config = config;
    }

    public Address of(String warehouseId) {
        ShippingConfig.Origin origin = warehouseId == null ? null : config.origins().get(warehouseId);
        return (origin != null ? origin : config.defaultOrigin()).toAddress();
    }
}
