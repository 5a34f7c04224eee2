package io.waybill.shipment.tracking;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.waybill.events.shipment.MilestoneRecorded;
import io.waybill.events.shipment.ShipmentCancelled;
import io.waybill.events.shipment.ShipmentDelivered;
import io.waybill.events.shipment.ShipmentEvents;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.model.shipment.Milestone;
import io.waybill.model.shipment.ProofOfDelivery;
import io.waybill.shipment.carrier.CarrierTrackingUpdate;
import io.waybill.shipment.persistence.ShipmentEntity;
import io.waybill.shipment.persistence.ShipmentKind;
import io.waybill.shipment.persistence.TrackingEventEntity;
import io.waybill.shipment.returns.ReturnReceipts;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Records carrier tracking updates in a shipment's history and moves the shipment with the
 * {@link ShipmentStateMachine}. Runs inside the caller's transaction, with the shipment row locked, so the history,
 * the shipment's status and the events it publishes commit together, and two webhooks about one shipment never
 * race.
 * <p>
 * Publishes {@code milestone-recorded} for every new mapped event (late ones too, with the unchanged
 * {@code shipmentStatus}), {@code delivered} once when the shipment becomes delivered, {@code cancelled} when the
 * carrier cancels it, and for return shipments {@code return-received} when they reach the warehouse.
 */
@ApplicationScoped
public class TrackingHistory {

    private static final Logger LOG = Logger.getLogger(TrackingHistory.class);

    public enum Outcome {
        RECORDED, DUPLICATE, UNMATCHED
    }

    private static final String UNMAPPED_ATTENTION = "unmapped carrier status ";

    private final StatusMappingTables mappings;
    private final Outbox outbox;
    private final ReturnReceipts returns;
    private final MeterRegistry registry;

    public TrackingHistory(StatusMappingTables mappings, Outbox outbox, ReturnReceipts returns, MeterRegistry registry) {
        this.mappings = mappings;
        this.outbox = outbox;
        this.returns = returns;
        this.registry = registry;
    }

    /** Applies updates one after the other; the result is UNMATCHED if any was about an unknown tracking number. */
    public Uni<Outcome> record(String carrierId, List<CarrierTrackingUpdate> updates, UUID webhookId, Instant receivedAt) {
        Uni<Outcome> chain = Uni.createFrom().item(Outcome.DUPLICATE);
        for (CarrierTrackingUpdate update : updates) {
            chain = chain.chain(previous -> record(carrierId, update, webhookId, receivedAt)
                    .map(outcome -> worst(previous, outcome)));
        }
        return chain;
    }

    private static Outcome worst(Outcome a, Outcome b) {
        if (a == Outcome.UNMATCHED || b == Outcome.UNMATCHED) {
            return Outcome.UNMATCHED;
        }
        return a == Outcome.RECORDED || b == Outcome.RECORDED ? Outcome.RECORDED : Outcome.DUPLICATE;
    }

    private Uni<Outcome> record(String carrierId, CarrierTrackingUpdate update, UUID webhookId, Instant receivedAt) {
        return ShipmentEntity.findByTrackingNumber(carrierId, update.trackingNumber()).chain(shipment -> {
            if (shipment == null) {
                return Uni.createFrom().item(Outcome.UNMATCHED);
            }
            String key = dedupKey(update);
            return TrackingEventEntity.history(shipment.id).chain(history -> {
                if (history.stream().anyMatch(e -> e.dedupKey.equals(key))) {
                    registry.counter("waybill.tracking.duplicates", "carrier", carrierId).increment();
                    return Uni.createFrom().item(Outcome.DUPLICATE);
                }
                TrackingEventEntity event = newEvent(carrierId, shipment, history, update, key, webhookId, receivedAt);
                return event.persist().chain(() -> apply(shipment, history, event)).replaceWith(Outcome.RECORDED);
            });
        });
    }

    private TrackingEventEntity newEvent(String carrierId, ShipmentEntity shipment, List<TrackingEventEntity> history,
                                         CarrierTrackingUpdate update, String key, UUID webhookId, Instant receivedAt) {
        TrackingEventEntity event = new TrackingEventEntity();
        event.id = UUID.randomUUID();
        event.shipmentId = shipment.id;
        event.dedupKey = key;
        event.carrierId = carrierId;
        event.carrierStatus = update.statusDetail() == null || update.statusDetail().isBlank()
                ? update.carrierStatus() : update.carrierStatus() + "." + update.statusDetail();
        event.occurredAt = update.occurredAt().truncatedTo(ChronoUnit.MICROS);
        event.milestone = mappings.normalize(carrierId, update.carrierStatus(), update.statusDetail())
                .map(milestone -> inContext(milestone, event.occurredAt, history)).orElse(null);
        event.unmapped = event.milestone == null;
        event.receivedAt = receivedAt;
        event.location = update.location();
        event.description = update.description();
        ProofOfDelivery pod = update.proofOfDelivery();
        if (pod != null) {
            event.signer = pod.signer();
            event.photoRef = pod.photoRef();
            event.signatureRef = pod.signatureRef();
        }
        event.webhookId = webhookId;
        if (event.unmapped) {
            // Kept and flagged: the history shows it, operations see the counter and extend the mapping table.
            registry.counter("waybill.tracking.unmapped.statuses", "carrier", carrierId).increment();
            LOG.warnf("Carrier %s reported status '%s' for %s, which its mapping table does not know; kept as unmapped",
                    carrierId, event.carrierStatus, shipment.id);
            shipment.attention = UNMAPPED_ATTENTION + event.carrierStatus;
        }
        return event;
    }

    /**
     * Maps a shipment's events stored as unmapped again, with the tables as they are now, in carrier time. Each one
     * that now has a milestone moves the shipment and publishes exactly what it would have published had the mapping
     * existed when it arrived. Runs in the caller's transaction; returns how many events found a milestone.
     */
    public Uni<Integer> remapUnmapped(String shipmentId) {
        return ShipmentEntity.findForUpdate(shipmentId).chain(shipment -> TrackingEventEntity.history(shipmentId)
                .chain(history -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (TrackingEventEntity event : history) {
                        if (!event.unmapped) {
                            continue;
                        }
                        chain = chain.chain(remapped -> {
                            Milestone milestone = normalizeStored(event).orElse(null);
                            if (milestone == null) {
                                return Uni.createFrom().item(remapped);
                            }
                            // The others as they stand now, including the ones remapped just before this one.
                            List<TrackingEventEntity> others = history.stream()
                                    .filter(e -> e != event && e.milestone != null).toList();
                            event.milestone = inContext(milestone, event.occurredAt, others);
                            event.unmapped = false;
                            return apply(shipment, others, event).replaceWith(remapped + 1);
                        });
                    }
                    return chain.invoke(remapped -> {
                        boolean stillUnmapped = history.stream().anyMatch(e -> e.unmapped);
                        if (!stillUnmapped && shipment.attention != null
                                && shipment.attention.startsWith(UNMAPPED_ATTENTION)) {
                            shipment.attention = null;
                        }
                    });
                }));
    }

    /** The stored carrier status is {@code status} or {@code status.detail} (see {@link #newEvent}). */
    private Optional<Milestone> normalizeStored(TrackingEventEntity event) {
        int dot = event.carrierStatus.indexOf('.');
        return dot < 0 ? mappings.normalize(event.carrierId, event.carrierStatus, null)
                : mappings.normalize(event.carrierId, event.carrierStatus.substring(0, dot),
                event.carrierStatus.substring(dot + 1));
    }

    /**
     * A milestone as the rest of the history reads it. A "delivered" dated at or after a return to sender is the
     * returning parcel reaching the sender (EasyPost reports exactly that as {@code delivered}): recorded as the
     * return completing, never as delivery to the customer, so it yields no {@code delivered} event and no proof
     * of delivery.
     */
    static Milestone inContext(Milestone milestone, Instant occurredAt, List<TrackingEventEntity> history) {
        if (milestone == Milestone.DELIVERED && history.stream().anyMatch(e -> e.milestone == Milestone.RETURNED_TO_SENDER
                && !e.occurredAt.isAfter(occurredAt))) {
            return Milestone.RETURNED_TO_SENDER;
        }
        return milestone;
    }

    private Uni<Void> apply(ShipmentEntity shipment, List<TrackingEventEntity> previousHistory, TrackingEventEntity event) {
        shipment.lastEventAt = max(shipment.lastEventAt, event.receivedAt);
        if (event.unmapped) {
            return Uni.createFrom().voidItem();
        }
        if (shipment.attention != null && shipment.attention.startsWith("no carrier event")) {
            shipment.attention = null;
        }
        List<ShipmentStateMachine.Step> steps = new java.util.ArrayList<>();
        for (TrackingEventEntity e : previousHistory) {
            if (e.milestone != null) {
                steps.add(new ShipmentStateMachine.Step(e.milestone, e.occurredAt, e.dedupKey));
            }
        }
        steps.add(new ShipmentStateMachine.Step(event.milestone, event.occurredAt, event.dedupKey));
        ShipmentStateMachine.State state = ShipmentStateMachine.resolve(steps);
        Milestone before = shipment.status;
        if (before != null && before.isTerminal() && state.status().rank() < before.rank()) {
            // Terminal by our own hand (a voided label), not by a carrier event: no scan moves it back.
            return recordedOnly(shipment, event, before);
        }
        shipment.status = state.status();
        shipment.statusOccurredAt = state.decidedBy().occurredAt();

        EventContext context = new EventContext(shipment.correlationId, null, shipment.customerId);
        Uni<?> published = outbox.append(ShipmentEvents.MILESTONE_RECORDED, shipment.id, new MilestoneRecorded(
                shipment.id, shipment.orderId, shipment.customerId, event.milestone, event.carrierStatus,
                event.occurredAt, event.receivedAt, event.location, event.description, shipment.status,
                shipment.returnId, shipment.warehouseId), context);
        if (before != Milestone.DELIVERED && shipment.status == Milestone.DELIVERED) {
            published = published.chain(() -> delivered(shipment, previousHistory, event, state, context));
        } else if (shipment.status == Milestone.DELIVERED && event.dedupKey.equals(state.decidedBy().key())) {
            // An earlier-dated delivery scan arriving after a later one: the first delivery the carrier dated is
            // the delivery, whatever order the webhooks came in. The later scan stays in the history.
            proofOfDelivery(shipment, event);
        } else if (before != Milestone.CANCELLED && shipment.status == Milestone.CANCELLED) {
            published = published.chain(() -> outbox.append(ShipmentEvents.SHIPMENT_CANCELLED, shipment.id,
                    new ShipmentCancelled(shipment.id, shipment.orderId, "carrier reported " + event.carrierStatus),
                    context));
        }
        return published.replaceWithVoid();
    }

    private Uni<Void> recordedOnly(ShipmentEntity shipment, TrackingEventEntity event, Milestone status) {
        return outbox.append(ShipmentEvents.MILESTONE_RECORDED, shipment.id, new MilestoneRecorded(
                shipment.id, shipment.orderId, shipment.customerId, event.milestone, event.carrierStatus,
                event.occurredAt, event.receivedAt, event.location, event.description, status, shipment.returnId,
                shipment.warehouseId),
                new EventContext(shipment.correlationId, null, shipment.customerId)).replaceWithVoid();
    }

    private Uni<?> delivered(ShipmentEntity shipment, List<TrackingEventEntity> previousHistory,
                             TrackingEventEntity event, ShipmentStateMachine.State state, EventContext context) {
        // The delivery scan that decided it (the first the carrier dated), with its proof of delivery.
        String decisive = state.decidedBy().key();
        TrackingEventEntity scan = event.dedupKey.equals(decisive) ? event : previousHistory.stream()
                .filter(e -> e.dedupKey.equals(decisive)).findFirst().orElse(event);
        proofOfDelivery(shipment, scan);
        ProofOfDelivery pod = new ProofOfDelivery(scan.occurredAt, scan.signer, scan.photoRef, scan.signatureRef);
        String reference = pod.reference(shipment.carrierId + ":scan/" + shipment.trackingNumber + "/" + scan.dedupKey);
        Uni<?> published = outbox.append(ShipmentEvents.SHIPMENT_DELIVERED, shipment.id, new ShipmentDelivered(
                shipment.id, shipment.orderId, shipment.customerId, scan.occurredAt, scan.signer, reference,
                scan.photoRef, scan.signatureRef, shipment.warehouseId), context);
        if (shipment.kind == ShipmentKind.RETURN) {
            published = published.chain(() -> returns.received(shipment, scan.occurredAt, context));
        }
        return published;
    }

    private static void proofOfDelivery(ShipmentEntity shipment, TrackingEventEntity scan) {
        shipment.deliveredAt = scan.occurredAt;
        shipment.signer = scan.signer;
        shipment.photoRef = scan.photoRef;
        shipment.signatureRef = scan.signatureRef;
    }

    /**
     * What makes two reports the same carrier event: status, detail, carrier time and place. Not the carrier's
     * delivery id (a carrier re-sends one event under new ids) and not the wording, which some carriers vary.
     */
    static String dedupKey(CarrierTrackingUpdate update) {
        String identity = String.join("|", update.trackingNumber(), update.carrierStatus(),
                String.valueOf(update.statusDetail()), update.occurredAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                String.valueOf(update.location()));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
