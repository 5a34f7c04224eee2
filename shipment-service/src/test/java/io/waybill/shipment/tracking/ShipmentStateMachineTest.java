package io.waybill.shipment.tracking;

import io.waybill.model.shipment.Milestone;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The state machine is a function of the set of events: every arrival order must give the same answer. */
class ShipmentStateMachineTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private static ShipmentStateMachine.Step step(Milestone milestone, int hours) {
        return new ShipmentStateMachine.Step(milestone, T0.plusSeconds(hours * 3600L), milestone + "@" + hours);
    }

    @Test
    void everyPermutationOfAJourneyEndsInTheSameState() {
        List<ShipmentStateMachine.Step> journey = List.of(step(Milestone.PRE_TRANSIT, 0), step(Milestone.PICKED_UP, 2),
                step(Milestone.IN_TRANSIT, 5), step(Milestone.EXCEPTION, 7), step(Milestone.OUT_FOR_DELIVERY, 20),
                step(Milestone.DELIVERED, 23));
        ShipmentStateMachine.State expected = ShipmentStateMachine.resolve(journey);
        assertEquals(Milestone.DELIVERED, expected.status());

        List<List<ShipmentStateMachine.Step>> permutations = new ArrayList<>();
        permute(new ArrayList<>(journey), 0, permutations);
        assertEquals(720, permutations.size());
        for (List<ShipmentStateMachine.Step> arrival : permutations) {
            // Replaying the arrival one event at a time, as webhooks come in, ends where the whole set does.
            ShipmentStateMachine.State state = null;
            for (int i = 1; i <= arrival.size(); i++) {
                state = ShipmentStateMachine.resolve(arrival.subList(0, i));
            }
            assertEquals(expected, state, "arrival order " + arrival);
        }
    }

    @Test
    void theLatestCarrierEventDecidesWhileNothingIsTerminal() {
        assertEquals(Milestone.IN_TRANSIT, ShipmentStateMachine.resolve(List.of(
                step(Milestone.EXCEPTION, 5), step(Milestone.IN_TRANSIT, 6), step(Milestone.PICKED_UP, 1))).status());
        assertEquals(Milestone.EXCEPTION, ShipmentStateMachine.resolve(List.of(
                step(Milestone.OUT_FOR_DELIVERY, 5), step(Milestone.EXCEPTION, 9))).status());
    }

    @Test
    void aTerminalMilestoneWinsOverAnyLaterScanAndDeliveryOverReturn() {
        assertEquals(Milestone.DELIVERED, ShipmentStateMachine.resolve(List.of(
                step(Milestone.DELIVERED, 3), step(Milestone.IN_TRANSIT, 9))).status());
        assertEquals(Milestone.DELIVERED, ShipmentStateMachine.resolve(List.of(
                step(Milestone.RETURNED_TO_SENDER, 3), step(Milestone.DELIVERED, 2))).status());
        assertEquals(T0.plusSeconds(2 * 3600L), ShipmentStateMachine.resolve(List.of(
                step(Milestone.DELIVERED, 4), step(Milestone.DELIVERED, 2))).decidedBy().occurredAt());
    }

    @Test
    void aShipmentWithoutEventsIsPreTransit() {
        assertEquals(Milestone.PRE_TRANSIT, ShipmentStateMachine.resolve(List.of()).status());
    }

    private static void permute(List<ShipmentStateMachine.Step> steps, int k, List<List<ShipmentStateMachine.Step>> out) {
        if (k == steps.size()) {
            out.add(List.copyOf(steps));
            return;
        }
        for (int i = k; i < steps.size(); i++) {
            java.util.Collections.swap(steps, k, i);
            permute(steps, k + 1, out);
            java.util.Collections.swap(steps, k, i);
        }
    }
}
