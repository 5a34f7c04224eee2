package io.waybill.shipment.rest;

import io.waybill.foundation.security.Scopes;
import io.waybill.shipment.carrier.CarrierGuards;
import io.waybill.shipment.carrier.CarrierRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The configured carriers and the state of their circuit breakers. */
@Path("/carriers")
@Produces(MediaType.APPLICATION_JSON)
public class CarrierResource {

    public record CarrierView(String carrierId, String adapter, String tracking, String circuitBreaker) {
    }

    private final CarrierRegistry carriers;
    private final CarrierGuards guards;

    public CarrierResource(CarrierRegistry carriers, CarrierGuards guards) {
        this.carriers = carriers;
        this.guards = guards;
    }

    @GET
    @RolesAllowed({Scopes.SHIPMENTS_READ, Scopes.SHIPMENTS_OPERATE})
    public List<CarrierView> list() {
        return carriers.carrierIds().stream().map(id -> new CarrierView(id, carriers.adapterType(id),
                carriers.config(id).tracking().name(), guards.breakerState(id).name())).toList();
    }
}
