package io.waybill.shipment.carrier;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.shipment.carrier.easypost.EasyPostAdapter;
import io.waybill.shipment.carrier.sandbox.SandboxCarrierAdapter;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The carriers shipment-service can book with, built from {@code waybill.carriers.*}: one adapter per enabled carrier.
 * Adding a carrier that speaks an existing API (another sandbox carrier, a second EasyPost account) is configuration;
 * a new API is a new {@link CarrierAdapter} and one line here.
 */
@ApplicationScoped
public class CarrierRegistry {

    private final CarriersConfig config;
    private final Map<String, CarrierAdapter> adapters = new TreeMap<>();

    public CarrierRegistry(CarriersConfig config, ObjectMapper json) {
        this.config = config;
        config.carriers().forEach((id, carrier) -> {
            if (!carrier.enabled()) {
                return;
            }
            // A little over the guard's timeout, so the guard decides and the socket never hangs on beyond it.
            Duration socketTimeout = carrier.faultTolerance().timeout().plusMillis(250);
            CarrierHttp http = new CarrierHttp(id, json, socketTimeout);
            adapters.put(id, switch (carrier.adapter()) {
                case "sandbox" -> new SandboxCarrierAdapter(id, carrier.baseUrl(), http);
                case "easypost" -> new EasyPostAdapter(id, carrier.baseUrl(),
                        carrier.apiKey().orElseThrow(() -> new IllegalStateException(
                                "waybill.carriers." + id + ".api-key is required for EasyPost")), http);
                default -> throw new IllegalStateException("Unknown carrier adapter '" + carrier.adapter()
                        + "' for carrier " + id + " (known: sandbox, easypost)");
            });
        });
    }

    public Optional<CarrierAdapter> find(String carrierId) {
        return Optional.ofNullable(adapters.get(carrierId));
    }

    public List<String> carrierIds() {
        return List.copyOf(adapters.keySet());
    }

    public CarriersConfig.Carrier config(String carrierId) {
        return config.carriers().get(carrierId);
    }

    /** Which adapter (and so which status vocabulary) a carrier speaks. */
    public String adapterType(String carrierId) {
        CarriersConfig.Carrier carrier = config.carriers().get(carrierId);
        return carrier == null ? null : carrier.adapter();
    }
}
