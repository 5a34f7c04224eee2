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

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
 */
@ApplicationScoped
public class Disputes {

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

    public Disputes(AuditTolerance tolerance, BillingPublisher publisher, AdjustmentNotes notes,
                    RateAgreements agreements, Clock clock) {
        this.tolerance = tolerance;
        this.publisher = publisher;
        this.notes = notes;
        this.agreements = agreements;
        this.clock = clock;
    }

    /** Audits a new bill and stores it with its verdicts and disputes. Runs in the caller's transaction. */
    public Uni<Void> auditAndStore(CarrierBillRecord bill, List<CarrierBillLine> lines, EventContext context) {
        List<String> trackingNumbers = lines.stream().map(CarrierBillLine::trackingNumber).distinct().toList();
        return BillableShipment.<BillableShipment>list("carrierId = ?1 and trackingNumber in ?2", bill.carrierId, trackingNumbers)
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
            lineRecords.add(record);
            if (verdict.status() == AuditStatus.DISPUTED) {
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
        return CarrierBillLineRecord.awaitingQuote(shipment.shipmentId).chain(waiting -> {
            if (waiting.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<UUID> billIds = waiting.stream().map(l -> l.billId).distinct().toList();
            return CarrierBillRecord.<CarrierBillRecord>list("id in ?1", billIds).chain(bills -> {
                Map<UUID, CarrierBillRecord> billsById = bills.stream()
                        .collect(Collectors.toMap(b -> b.id, Function.identity()));
                List<CarrierBillLineRecord> ordered = waiting.stream().sorted(java.util.Comparator
                        .comparing((CarrierBillLineRecord l) -> billsById.get(l.billId).receivedAt)
                        .thenComparing(l -> l.billId).thenComparingInt(l -> l.lineNumber)).toList();
                return CarrierBillLineRecord.standingFor(List.of(shipment.shipmentId)).chain(standing -> {
                    List<FreightAudit.StandingCharge> charges = standing.stream()
                            .filter(l -> l.auditStatus != AuditStatus.AWAITING_QUOTE)
                            .map(l -> new FreightAudit.StandingCharge(l.shipmentId, l.code,
                                    l.money(billsById.containsKey(l.billId) ? billsById.get(l.billId).currency
                                            : shipment.quotedCurrency), l.auditStatus))
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
                    for (int i = 0; i < ordered.size(); i++) {
                        CarrierBillLineRecord line = ordered.get(i);
                        FreightAudit.Verdict verdict = verdicts.get(i);
                        line.auditStatus = verdict.status();
                        if (verdict.status() == AuditStatus.DISPUTED) {
                            opened.add(dispute(billsById.get(line.billId), line, verdict, now));
                        }
                    }
                    Uni<Void> published = opened.isEmpty() ? Uni.createFrom().voidItem()
                            : FreightDispute.persist(opened);
                    for (FreightDispute dispute : opened) {
                        CarrierBillRecord bill = billsById.get(dispute.billId);
                        published = published.chain(() -> publishOpened(bill, List.of(dispute), context));
                    }
                    return published;
                });
            });
        });
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
        return FreightDispute.<FreightDispute>list("billId", billId)
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
