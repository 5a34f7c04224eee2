package io.waybill.billing.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.waybill.billing.carrierbill.AuditStatus;
import io.waybill.billing.carrierbill.CarrierBillLineRecord;
import io.waybill.billing.carrierbill.CarrierBillRecord;
import io.waybill.billing.invoicing.AdjustmentNotes;
import io.waybill.billing.posting.BillingPublisher;
import io.waybill.billing.rating.BillableShipment;
import io.waybill.billing.rating.ChargeLineRecord;
import io.waybill.billing.rating.FreightRater;
import io.waybill.billing.rating.OrderLock;
import io.waybill.billing.rating.RateAgreements;
import io.waybill.events.billing.FreightDisputeOpened;
import io.waybill.events.billing.FreightDisputeResolved;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.model.Money;
import io.waybill.model.billing.CarrierBillLine;
import io.waybill.model.billing.ChargeCode;
import io.waybill.model.billing.ChargeLine;
import io.waybill.model.billing.DisputeReason;
import io.waybill.model.billing.DisputeResolution;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The freight audit's review queue: opens a dispute for every carrier bill line the audit does not approve, and
 * applies an operator's decision. A disputed charge reaches the customer only through an operator's acceptance, and
 * then only accessorials the customer pays for (re-weigh, residential, address correction, detention, waiting time):
 * as a new charge line while the shipment is not yet invoiced, as a debit note once it is. Never for a return
 * shipment, which the customer is not charged for.
 * <p>
 * A line whose tracking number no shipment of its carrier carries yet waits as {@link AuditStatus#AWAITING_SHIPMENT}
 * for {@code waybill.billing.audit.unknown-shipment-grace} (the bill may have overtaken the booking), and is disputed
 * as {@code UNKNOWN_SHIPMENT} by {@link UnknownShipmentSweep} only once that has passed. When billing learns the
 * shipment, waiting lines and still-open unknown-shipment disputes of that carrier and tracking number are audited
 * by the normal rules; such a dispute is {@link DisputeStatus#WITHDRAWN} by the freight audit, with the trail.
 */
@ApplicationScoped
public class Disputes {

    private static final Logger LOG = Logger.getLogger(Disputes.class);

    /** Who closes a dispute the freight audit withdraws itself (an operator's name otherwise). */
    public static final String FREIGHT_AUDIT = "freight-audit";

    /** Carrier charges an accepted dispute passes on; freight and fuel are priced by the customer's own agreement. */
    private static final Set<ChargeCode> PASSED_ON = Set.of(ChargeCode.REWEIGH, ChargeCode.RESIDENTIAL,
            ChargeCode.ADDRESS_CORRECTION, ChargeCode.DETENTION, ChargeCode.WAITING_TIME);
    private static final Set<DisputeReason> PASSABLE_REASONS = Set.of(DisputeReason.OVERCHARGE,
            DisputeReason.UNQUOTED_ACCESSORIAL);

    private final AuditTolerance tolerance;
    private final BillingPublisher publisher;
    private final AdjustmentNotes notes;
    private final RateAgreements agreements;
    private final Clock clock;
    private final Duration unknownShipmentGrace;

    public Disputes(AuditTolerance tolerance, BillingPublisher publisher, AdjustmentNotes notes,
                    RateAgreements agreements, Clock clock,
                    @ConfigProperty(name = "waybill.billing.audit.unknown-shipment-grace") Duration unknownShipmentGrace) {
        if (unknownShipmentGrace.isNegative()) {
            throw new IllegalArgumentException("waybill.billing.audit.unknown-shipment-grace cannot be negative");
        }
        this.tolerance = tolerance;
        this.publisher = publisher;
        this.notes = notes;
        this.agreements = agreements;
        this.clock = clock;
        this.unknownShipmentGrace = unknownShipmentGrace;
    }

    /** How long a line with an unknown tracking number waits for its shipment before it is disputed. */
    public Duration unknownShipmentGrace() {
        return unknownShipmentGrace;
    }

    /**
     * Audits a new bill and stores it with its verdicts and disputes. Runs in the caller's transaction, under the
     * {@link TrackingNumberLock} of each of its tracking numbers, taken before the shipments are read: a booking of
     * one of them committing meanwhile is either seen here or sees this bill's lines.
     */
    public Uni<Void> auditAndStore(CarrierBillRecord bill, List<CarrierBillLine> lines, EventContext context) {
        List<String> trackingNumbers = lines.stream().map(CarrierBillLine::trackingNumber).distinct().toList();
        return TrackingNumberLock.acquire(bill.carrierId, trackingNumbers)
                .chain(() -> BillableShipment.<BillableShipment>list("carrierId = ?1 and trackingNumber in ?2",
                        bill.carrierId, trackingNumbers))
                .chain(shipments -> {
                    Map<String, FreightAudit.ShipmentFacts> byTracking = shipments.stream().collect(Collectors.toMap(
                            s -> s.trackingNumber, s -> new FreightAudit.ShipmentFacts(s.shipmentId, s.quote()),
                            (a, b) -> a));
                    List<String> shipmentIds = shipments.stream().map(s -> s.shipmentId).toList();
                    // Read before this bill's lines are stored, so the standing charges are only earlier ones.
                    return CarrierBillLineRecord.standingFor(shipmentIds).chain(standing -> {
                        List<FreightAudit.StandingCharge> charges = standing.stream()
                                .map(l -> new FreightAudit.StandingCharge(l.shipmentId, l.code, l.money(bill.currency),
                                        l.auditStatus)).toList();
                        List<FreightAudit.Verdict> verdicts = FreightAudit.audit(lines.stream()
                                        .map(l -> new FreightAudit.BilledLine(l.lineNumber(), l.trackingNumber(), l.code(), l.amount()))
                                        .toList(), byTracking, charges, tolerance);
                        return store(bill, lines, verdicts, context);
                    });
                });
    }

    private Uni<Void> store(CarrierBillRecord bill, List<CarrierBillLine> lines, List<FreightAudit.Verdict> verdicts,
                            EventContext context) {
        Instant now = clock.instant();
        List<CarrierBillLineRecord> lineRecords = new ArrayList<>();
        List<FreightDispute> opened = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            CarrierBillLine line = lines.get(i);
            FreightAudit.Verdict verdict = verdicts.get(i);
            CarrierBillLineRecord record = new CarrierBillLineRecord();
            record.id = UUID.randomUUID();
            record.billId = bill.id;
            record.lineNumber = line.lineNumber();
            record.trackingNumber = line.trackingNumber();
            record.shipmentId = verdict.shipmentId();
            record.code = line.code();
            record.description = line.description();
            record.amount = line.amount().amount();
            record.auditStatus = verdict.status();
            if (verdict.reason() == DisputeReason.UNKNOWN_SHIPMENT && unknownShipmentGrace.isPositive()) {
                // Not known yet is not known to be wrong: the bill may have overtaken the booking. Wait for it.
                record.auditStatus = AuditStatus.AWAITING_SHIPMENT;
            }
            lineRecords.add(record);
            if (record.auditStatus == AuditStatus.DISPUTED) {
                opened.add(dispute(bill, record, verdict, now));
            }
        }
        // Parents before children: the bill, its lines, then the disputes that reference them.
        return bill.persistAndFlush()
                .chain(() -> CarrierBillLineRecord.persist(lineRecords))
                .chain(() -> opened.isEmpty() ? Uni.createFrom().voidItem() : FreightDispute.persist(opened))
                .chain(() -> publishOpened(bill, opened, context));
    }

    private static FreightDispute dispute(CarrierBillRecord bill, CarrierBillLineRecord line, FreightAudit.Verdict verdict,
                                          Instant now) {
        FreightDispute dispute = new FreightDispute();
        dispute.id = UUID.randomUUID();
        dispute.carrierId = bill.carrierId;
        dispute.billId = bill.id;
        dispute.billLineId = line.id;
        dispute.shipmentId = verdict.shipmentId();
        dispute.trackingNumber = line.trackingNumber;
        dispute.code = line.code;
        dispute.reason = verdict.reason();
        dispute.billedAmount = line.amount;
        dispute.expectedAmount = verdict.expected() == null ? null : verdict.expected().amount();
        dispute.currency = bill.currency;
        dispute.detail = verdict.detail();
        dispute.status = DisputeStatus.OPEN;
        dispute.openedAt = now;
        return dispute;
    }

    /**
     * The shipment's quote has arrived: audits the lines that waited for it, in the order they were billed, against
     * what stands for the shipment already, exactly as if they had come in now. Runs in the caller's transaction,
     * under the order's lock.
     */
    public Uni<Void> auditAwaitingQuote(BillableShipment shipment, EventContext context) {
        if (shipment == null || shipment.quote() == null) {
            return Uni.createFrom().voidItem();
        }
        return CarrierBillLineRecord.awaitingQuote(shipment.shipmentId)
                .chain(waiting -> reaudit(shipment, waiting, Map.of(), null, context));
    }

    /**
     * Billing has just learnt this shipment's carrier and tracking number ({@code learntFrom}: its booking or return
     * authorization was recorded). That carrier's bill lines for the tracking number that arrived first, whether
     * still waiting ({@link AuditStatus#AWAITING_SHIPMENT}) or already disputed as {@code UNKNOWN_SHIPMENT} and not
     * yet decided by an operator, are audited now by the normal rules, in bill order, as if they had come in now. The
     * unknown-shipment dispute is withdrawn by the freight audit (who, when and why on the dispute, and a
     * {@code freight-dispute-resolved} event); a new dispute is opened if the line is not approved. Another
     * carrier's line with the same tracking number stays unknown. Idempotent: once audited a line is matched to
     * the shipment and no longer unknown. Runs in the caller's (inbox) transaction, under the order's lock and then
     * the tracking number's; an operator deciding the same dispute meanwhile makes one of the two fail on the
     * dispute's version, and the inbox retries the event, which then leaves the decided line alone.
     */
    public Uni<Void> auditLearntShipment(BillableShipment shipment, String learntFrom, EventContext context) {
        if (shipment == null || shipment.carrierId == null || shipment.trackingNumber == null) {
            return Uni.createFrom().voidItem();
        }
        return TrackingNumberLock.acquire(shipment.carrierId, shipment.trackingNumber)
                .chain(() -> CarrierBillLineRecord.unmatched(shipment.carrierId, shipment.trackingNumber))
                .chain(lines -> {
                    if (lines.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return FreightDispute.<FreightDispute>list("billLineId in ?1 and status = ?2 and reason = ?3",
                                    lines.stream().map(l -> l.id).toList(), DisputeStatus.OPEN,
                                    DisputeReason.UNKNOWN_SHIPMENT)
                            .chain(open -> {
                                Map<UUID, FreightDispute> byLine = open.stream()
                                        .collect(Collectors.toMap(d -> d.billLineId, Function.identity()));
                                List<CarrierBillLineRecord> toAudit = lines.stream()
                                        .filter(l -> l.auditStatus == AuditStatus.AWAITING_SHIPMENT
                                                || (l.auditStatus == AuditStatus.DISPUTED && byLine.containsKey(l.id)))
                                        .toList();
                                return reaudit(shipment, toAudit, byLine, learntFrom, context);
                            });
                });
    }

    /**
     * Audits {@code lines} (all for {@code shipment}'s tracking number) in the order they were billed, against what
     * stands for the shipment already, and withdraws the unknown-shipment dispute of each line in {@code withdrawing}.
     */
    private Uni<Void> reaudit(BillableShipment shipment, List<CarrierBillLineRecord> waiting,
                              Map<UUID, FreightDispute> withdrawing, String learntFrom, EventContext context) {
        if (waiting.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return CarrierBillLineRecord.standingFor(List.of(shipment.shipmentId)).chain(standing -> {
            Set<UUID> billIds = new HashSet<>();
            waiting.forEach(l -> billIds.add(l.billId));
            standing.forEach(l -> billIds.add(l.billId));
            return CarrierBillRecord.<CarrierBillRecord>list("id in ?1", billIds).chain(bills -> {
                Map<UUID, CarrierBillRecord> billsById = bills.stream()
                        .collect(Collectors.toMap(b -> b.id, Function.identity()));
                List<CarrierBillLineRecord> ordered = waiting.stream().sorted(Comparator
                        .comparing((CarrierBillLineRecord l) -> billsById.get(l.billId).receivedAt)
                        .thenComparing(l -> l.billId).thenComparingInt(l -> l.lineNumber)).toList();
                Set<UUID> auditing = new HashSet<>(ordered.stream().map(l -> l.id).toList());
                List<FreightAudit.StandingCharge> charges = standing.stream()
                        .filter(l -> l.auditStatus != AuditStatus.AWAITING_QUOTE && !auditing.contains(l.id))
                        .map(l -> new FreightAudit.StandingCharge(l.shipmentId, l.code,
                                l.money(billsById.get(l.billId).currency), l.auditStatus))
                        .toList();
                // Line numbers here are positions in the list: the waiting lines may come from several bills.
                List<FreightAudit.BilledLine> lines = new ArrayList<>();
                for (int i = 0; i < ordered.size(); i++) {
                    CarrierBillLineRecord line = ordered.get(i);
                    lines.add(new FreightAudit.BilledLine(i, line.trackingNumber, line.code,
                            line.money(billsById.get(line.billId).currency)));
                }
                List<FreightAudit.Verdict> verdicts = FreightAudit.audit(lines,
                        Map.of(shipment.trackingNumber, new FreightAudit.ShipmentFacts(shipment.shipmentId,
                                shipment.quote())), charges, tolerance);
                Instant now = clock.instant();
                List<FreightDispute> opened = new ArrayList<>();
                List<FreightDisputeResolved> withdrawn = new ArrayList<>();
                for (int i = 0; i < ordered.size(); i++) {
                    CarrierBillLineRecord line = ordered.get(i);
                    FreightAudit.Verdict verdict = verdicts.get(i);
                    CarrierBillRecord bill = billsById.get(line.billId);
                    line.shipmentId = verdict.shipmentId();
                    line.auditStatus = verdict.status();
                    FreightDispute replacement = null;
                    if (verdict.status() == AuditStatus.DISPUTED) {
                        replacement = dispute(bill, line, verdict, now);
                        opened.add(replacement);
                    }
                    FreightDispute unknown = withdrawing.get(line.id);
                    if (unknown != null) {
                        withdrawn.add(withdraw(unknown, line, verdict, replacement, shipment, learntFrom, bill, now));
                    }
                }
                // The withdrawals reach the database before the new disputes: a line has one live dispute at most.
                Uni<Void> stored = withdrawn.isEmpty() ? Uni.createFrom().voidItem()
                        : Panache.getSession().chain(session -> session.flush());
                stored = stored.chain(() -> opened.isEmpty() ? Uni.createFrom().voidItem() : FreightDispute.persist(opened));
                for (FreightDisputeResolved resolved : withdrawn) {
                    stored = stored.chain(() -> publisher.disputeResolved(resolved, context));
                }
                for (FreightDispute dispute : opened) {
                    CarrierBillRecord bill = billsById.get(dispute.billId);
                    stored = stored.chain(() -> publishOpened(bill, List.of(dispute), context));
                }
                return stored;
            });
        });
    }

    /** Closes an unknown-shipment dispute the shipment has been learnt for, saying who, when, why and what became of the line. */
    private static FreightDisputeResolved withdraw(FreightDispute dispute, CarrierBillLineRecord line,
                                                   FreightAudit.Verdict verdict, FreightDispute replacement,
                                                   BillableShipment shipment, String learntFrom,
                                                   CarrierBillRecord bill, Instant now) {
        String outcome = switch (verdict.status()) {
            case APPROVED -> "approved";
            case AWAITING_QUOTE -> "awaiting its quote";
            case DISPUTED -> "disputed as " + verdict.reason() + " in dispute " + replacement.id;
            default -> verdict.status().name();
        };
        dispute.status = DisputeStatus.WITHDRAWN;
        dispute.resolvedAt = now;
        dispute.resolvedBy = FREIGHT_AUDIT;
        dispute.resolutionNote = "Shipment learnt after the bill: " + (learntFrom == null ? "shipment" : learntFrom)
                + " of shipment " + shipment.shipmentId + " recorded; line re-audited: " + outcome;
        Money payable = verdict.status() == AuditStatus.APPROVED ? line.money(bill.currency) : Money.zero(bill.currency);
        return new FreightDisputeResolved(dispute.id.toString(), dispute.carrierId, dispute.billId.toString(),
                shipment.shipmentId, dispute.reason, DisputeResolution.WITHDRAWN, payable, dispute.resolutionNote,
                dispute.resolvedBy, dispute.resolvedAt);
    }

    /**
     * The grace period has passed and billing still knows no shipment of this carrier with this tracking number:
     * the lines billed for it before {@code billedBefore} that still wait are disputed as {@code UNKNOWN_SHIPMENT}.
     * Under the tracking number's lock, so a booking learnt at the same moment either audits the lines first (and
     * nothing is left to dispute here) or finds the dispute and withdraws it. Runs in the caller's transaction.
     */
    public Uni<Integer> disputeStillUnknown(String carrierId, String trackingNumber, Instant billedBefore,
                                            EventContext context) {
        return TrackingNumberLock.acquire(carrierId, trackingNumber)
                .chain(() -> BillableShipment.count("carrierId = ?1 and trackingNumber = ?2", carrierId, trackingNumber))
                .chain(known -> {
                    if (known > 0) {
                        // Learning the shipment audits its waiting lines under this lock; none should be left.
                        LOG.warnf("Carrier %s tracking number %s is known but has lines awaiting their shipment",
                                carrierId, trackingNumber);
                        return Uni.createFrom().item(0);
                    }
                    return CarrierBillLineRecord.awaitingShipment(carrierId, trackingNumber, billedBefore)
                            .chain(lines -> lines.isEmpty() ? Uni.createFrom().item(0)
                                    : disputeUnknown(lines, context).replaceWith(lines.size()));
                });
    }

    private Uni<Void> disputeUnknown(List<CarrierBillLineRecord> lines, EventContext context) {
        List<UUID> billIds = lines.stream().map(l -> l.billId).distinct().toList();
        return CarrierBillRecord.<CarrierBillRecord>list("id in ?1", billIds).chain(bills -> {
            Map<UUID, CarrierBillRecord> billsById = bills.stream()
                    .collect(Collectors.toMap(b -> b.id, Function.identity()));
            Instant now = clock.instant();
            List<FreightDispute> opened = new ArrayList<>();
            for (CarrierBillLineRecord line : lines) {
                CarrierBillRecord bill = billsById.get(line.billId);
                line.auditStatus = AuditStatus.DISPUTED;
                FreightAudit.Verdict verdict = FreightAudit.audit(
                        List.of(new FreightAudit.BilledLine(line.lineNumber, line.trackingNumber, line.code,
                                line.money(bill.currency))), Map.of(), List.of(), tolerance).get(0);
                FreightDispute dispute = dispute(bill, line, verdict, now);
                dispute.detail = verdict.detail() + ", " + inWords(unknownShipmentGrace) + " after the bill arrived";
                opened.add(dispute);
            }
            Uni<Void> stored = FreightDispute.persist(opened);
            for (FreightDispute dispute : opened) {
                stored = stored.chain(() -> publishOpened(billsById.get(dispute.billId), List.of(dispute), context));
            }
            return stored;
        });
    }

    /** "3 days", "12 hours", "90 minutes", "45 seconds": the grace as an operator reads it. */
    static String inWords(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0 && seconds > 0) {
            return plural(seconds / 86_400, "day");
        }
        if (seconds % 3_600 == 0 && seconds > 0) {
            return plural(seconds / 3_600, "hour");
        }
        return seconds % 60 == 0 && seconds > 0 ? plural(seconds / 60, "minute") : plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private Uni<Void> publishOpened(CarrierBillRecord bill, List<FreightDispute> opened, EventContext context) {
        Uni<Void> published = Uni.createFrom().voidItem();
        for (FreightDispute dispute : opened) {
            published = published.chain(() -> publisher.disputeOpened(new FreightDisputeOpened(dispute.id.toString(),
                    dispute.carrierId, bill.id.toString(), bill.carrierInvoiceNumber, dispute.trackingNumber,
                    dispute.shipmentId, dispute.code, dispute.reason, dispute.billed(), dispute.expected(),
                    dispute.detail, dispute.openedAt), context));
        }
        return published;
    }

    public Uni<Map<UUID, FreightDispute>> ofBill(UUID billId) {
        // A withdrawn dispute is the trail of an unknown shipment learnt later, not the line's dispute.
        return FreightDispute.<FreightDispute>list("billId = ?1 and status <> ?2", billId, DisputeStatus.WITHDRAWN)
                .map(list -> list.stream().collect(Collectors.toMap(d -> d.billLineId, Function.identity())));
    }

    @WithSession
    public Uni<List<DisputeView>> queue(DisputeStatus status, String carrierId, int limit) {
        String query = carrierId == null ? "status = ?1 order by openedAt" : "status = ?1 and carrierId = ?2 order by openedAt";
        Object[] params = carrierId == null ? new Object[]{status} : new Object[]{status, carrierId};
        return FreightDispute.<FreightDispute>find(query, params).range(0, limit - 1).list()
                .map(list -> list.stream().map(DisputeView::of).toList());
    }

    @WithSession
    public Uni<DisputeView> find(UUID disputeId) {
        return open(disputeId, false).map(DisputeView::of);
    }

    /** The carrier's charge stands: payable, and passed on to the customer where its agreement says so. */
    @WithTransaction
    public Uni<DisputeView> accept(UUID disputeId, String note, String operator, EventContext context) {
        return open(disputeId, true).chain(dispute -> resolve(dispute, DisputeResolution.ACCEPTED, note, operator)
                .chain(() -> passOnToCustomer(dispute, context))
                .chain(() -> published(dispute, dispute.billed(), context)));
    }

    /** The carrier's charge is refused: not payable, never passed on. */
    @WithTransaction
    public Uni<DisputeView> reject(UUID disputeId, String note, String operator, EventContext context) {
        return open(disputeId, true).chain(dispute -> resolve(dispute, DisputeResolution.REJECTED, note, operator)
                .chain(() -> published(dispute, Money.zero(dispute.currency), context)));
    }

    private static Uni<FreightDispute> open(UUID disputeId, boolean mustBeOpen) {
        return FreightDispute.<FreightDispute>findById(disputeId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("freight-dispute", "No freight dispute " + disputeId))
                .invoke(dispute -> {
                    if (mustBeOpen && dispute.status != DisputeStatus.OPEN) {
                        throw ProblemException.conflict("freight-dispute-resolved",
                                "Dispute " + disputeId + " was already " + dispute.status + " by " + dispute.resolvedBy);
                    }
                });
    }

    private Uni<Void> resolve(FreightDispute dispute, DisputeResolution resolution, String note, String operator) {
        dispute.status = resolution == DisputeResolution.ACCEPTED ? DisputeStatus.ACCEPTED : DisputeStatus.REJECTED;
        dispute.resolvedAt = clock.instant();
        dispute.resolvedBy = operator;
        dispute.resolutionNote = note;
        return CarrierBillLineRecord.<CarrierBillLineRecord>findById(dispute.billLineId).invoke(line ->
                line.auditStatus = resolution == DisputeResolution.ACCEPTED ? AuditStatus.ACCEPTED : AuditStatus.REJECTED)
                .replaceWithVoid();
    }

    private Uni<Void> passOnToCustomer(FreightDispute dispute, EventContext context) {
        if (dispute.shipmentId == null || !PASSED_ON.contains(dispute.code) || !PASSABLE_REASONS.contains(dispute.reason)) {
            return Uni.createFrom().voidItem();
        }
        // Under the order's lock, re-read: an invoice being issued concurrently must either include the new charge
        // line or be the one the debit note goes against.
        return BillableShipment.<BillableShipment>findById(dispute.shipmentId)
                .call(shipment -> OrderLock.acquire(shipment.orderId))
                .call(shipment -> Panache.getSession().chain(session -> session.refresh(shipment)))
                // A return is not charged to the customer: its carrier charges stay Waybill's cost.
                .chain(shipment -> shipment.isReturn() ? Uni.createFrom().voidItem() : passOn(shipment, dispute, context));
    }

    private Uni<Void> passOn(BillableShipment shipment, FreightDispute dispute, EventContext context) {
        return agreements.termsOf(shipment.customerId).chain(terms -> {
            Money price = FreightRater.passOnPrice(terms.orElse(null), dispute.code, dispute.billed());
            // Customer wording only: the line and the note go onto the customer's Odoo invoice, so they
            // name neither the carrier (a Waybill sourcing matter) nor the operator's internal note.
            String description = customerWording(dispute.code) + ", shipment " + dispute.trackingNumber;
            if (shipment.isInvoiced()) {
                return notes.debitForAcceptedDispute(shipment.invoiceId, dispute.id, shipment.shipmentId,
                        dispute.code, description, price,
                        "Additional charge after delivery: " + description,
                        context.forCustomer(shipment.customerId)).replaceWithVoid();
            }
            return ChargeLineRecord.count("shipmentId", shipment.shipmentId).chain(existing ->
                    ChargeLineRecord.of(shipment.shipmentId, existing.intValue() + 1,
                            new ChargeLine(dispute.code, description, price),
                            ChargeLineRecord.Origin.ACCEPTED_DISPUTE, dispute.id).persist()).replaceWithVoid();
        });
    }

    /** How an accessorial passed on is named to the customer. */
    static String customerWording(ChargeCode code) {
        return switch (code) {
            case REWEIGH -> "Re-weigh adjustment";
            case RESIDENTIAL -> "Residential delivery";
            case ADDRESS_CORRECTION -> "Address correction";
            case DETENTION -> "Detention";
            case WAITING_TIME -> "Waiting time";
            case FREIGHT -> "Freight";
            case FUEL -> "Fuel surcharge";
        };
    }

    private Uni<DisputeView> published(FreightDispute dispute, Money payable, EventContext context) {
        DisputeResolution resolution = dispute.status == DisputeStatus.ACCEPTED
                ? DisputeResolution.ACCEPTED : DisputeResolution.REJECTED;
        return publisher.disputeResolved(new FreightDisputeResolved(dispute.id.toString(), dispute.carrierId,
                        dispute.billId.toString(), dispute.shipmentId, dispute.reason, resolution, payable,
                        dispute.resolutionNote, dispute.resolvedBy, dispute.resolvedAt), context)
                .replaceWith(() -> DisputeView.of(dispute));
    }
}
