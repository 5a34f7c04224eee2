package io.waybill.order.saga;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long each saga step may wait for its participant before the order is put on hold for an operator. */
@ConfigMapping(prefix = "waybill.saga.deadline")
public interface SagaDeadlines {

    @WithDefault("15m")
    Duration reserveStock();

    @WithDefault("30m")
    Duration bookShipment();

    @WithDefault("2h")
    Duration releaseToWarehouse();

    default Duration of(SagaStep step) {
        return switch (step) {
            case RESERVING_STOCK -> reserveStock();
            case BOOKING_SHIPMENT -> bookShipment();
            case RELEASING_TO_WAREHOUSE -> releaseToWarehouse();
            default -> null;
        };
    }
}
