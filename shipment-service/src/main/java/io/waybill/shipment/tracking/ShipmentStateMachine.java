package io.waybill.shipment.tracking;

import io.waybill.model.shipment.Milestone;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Where a shipment stands, derived from its whole tracking history rather than from the last webhook received, so
 * that the answer does not depend on the order carriers deliver events in:
 * <ul>
 *     <li>a terminal milestone (delivered, returned to sender, cancelled) ends the journey: later or late scans stay
 *     in the history but never move the shipment back, and proof of delivery that arrives before the in-transit
 *     scans still ends delivered;</li>
 *     <li>otherwise the event the carrier dated latest decides (ties: the further milestone, then the event key);</li>
 *     <li>duplicates are collapsed before they get here, so they change nothing.</li>
 * </ul>
 * Because it is a function of the set of events, any permutation of the same webhooks yields the same state.
 */
public final class ShipmentStateMachine {

    /** One mapped event of the history, as far as the state is concerned. */
    public record Step(Milestone milestone, Instant occurredAt, String key) {
    }

    /** The resulting status and the step that decided it. */
    public record State(Milestone status, Step decidedBy) {
    }

    private static final Comparator<Step> BY_CARRIER_TIME = Comparator.comparing(Step::occurredAt)
            .thenComparingInt(step -> step.milestone().rank())
            .thenComparing(Step::key);

    private ShipmentStateMachine() {
    }

    public static State resolve(Collection<Step> history) {
        Optional<Step> terminal = history.stream()
                .filter(step -> step.milestone().isTerminal())
                // The highest terminal wins; among several of it, the first the carrier dated.
                .max(Comparator.<Step>comparingInt(step -> step.milestone().rank())
                        .thenComparing(Step::occurredAt, Comparator.reverseOrder())
                        .thenComparing(Step::key, Comparator.reverseOrder()));
        if (terminal.isPresent()) {
            return new State(terminal.get().milestone(), terminal.get());
        }
        return history.stream().max(BY_CARRIER_TIME)
                .map(step -> new State(step.milestone(), step))
                .orElse(new State(Milestone.PRE_TRANSIT, null));
    }
}
