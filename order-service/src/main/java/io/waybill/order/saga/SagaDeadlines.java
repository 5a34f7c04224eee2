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

    /** From hand-over until the partner acknowledges the release. */
    @WithDefault("4h")
    Duration acknowledgeRelease();

    /** From the partner's acknowledgement until it ships. */
    @WithDefault("2d")
    Duration shipRelease();

    /** From asking the partner to cancel a release until it answers. */
    @WithDefault("4h")
    Duration cancelAtWarehouse();

    /** The deadline a step starts with (AWAITING_PICK: the acknowledgement; the ship deadline follows it). */
    default Duration of(SagaStep step) {
        return switch (step) {
            case RESERVING_STOCK -> reserveStock();
            case BOOKING_SHIPMENT -> bookShipment();
            case RELEASING_TO_WAREHOUSE -> releaseToWarehouse();
            case AWAITING_PICK -> acknowledgeRelease();
            case CANCELLING -> cancelAtWarehouse();
            default -> null;
        };
    }
}
