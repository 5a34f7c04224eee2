package io.waybill.billing.carrierbill;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.waybill.billing.audit.Disputes;
import io.waybill.billing.audit.TrackingNumberLock;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.problem.Problem;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.model.Money;
import io.waybill.model.billing.CarrierBill;
import io.waybill.model.billing.CarrierBillLine;
import io.waybill.model.billing.Totals;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Takes in carrier bills, one from the API or a carrier's CSV batch, and has each audited in the transaction that
 * stores it, so a bill is never stored without its verdicts and disputes. A batch is all or nothing: one faulty row
 * or one bill taken in before refuses the whole file, and nothing of it is stored.
 */
@ApplicationScoped
public class CarrierBillIntake {

    public static final String VIA_API = "API";
    public static final String VIA_CSV = "CSV";

    private final Disputes disputes;
    private final Clock clock;

    public CarrierBillIntake(Disputes disputes, Clock clock) {
        this.disputes = disputes;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<CarrierBillView> receive(CarrierBillRequest request, EventContext context) {
        CarrierBill bill = validate(request, "");
        return refuseKnownNumbers(request.carrierId(), List.of(bill), List.of(""))
                .chain(() -> store(bill, VIA_API, context))
                .chain(this::view);
    }

    @WithTransaction
    public Uni<List<CarrierBillView>> receiveBatch(String carrierId, String csv, EventContext context) {
        List<CarrierBillRequest> requests = CarrierBillCsv.parse(carrierId, csv);
        List<CarrierBill> bills = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        for (CarrierBillRequest request : requests) {
            String field = "invoice_number " + request.carrierInvoiceNumber();
            bills.add(validate(request, field + ": "));
            fields.add(field);
        }
        // Every tracking number of the file locked up front, in one order, so two files cannot deadlock each other.
        List<String> trackingNumbers = bills.stream().flatMap(b -> b.lines().stream())
                .map(CarrierBillLine::trackingNumber).toList();
        return refuseKnownNumbers(carrierId, bills, fields)
                .chain(() -> TrackingNumberLock.acquire(carrierId, trackingNumbers))
                .chain(() -> {
            Uni<List<UUID>> stored = Uni.createFrom().item(new ArrayList<>());
            for (CarrierBill bill : bills) {
                stored = stored.chain(ids -> store(bill, VIA_CSV, context).map(id -> {
                    ids.add(id);
                    return ids;
                }));
            }
            return stored;
        }).chain(ids -> {
            Uni<List<CarrierBillView>> views = Uni.createFrom().item(new ArrayList<>());
            for (UUID id : ids) {
                views = views.chain(list -> view(id).map(v -> {
                    list.add(v);
                    return list;
                }));
            }
            return views;
        });
    }

    @WithSession
    public Uni<CarrierBillView> find(UUID billId) {
        return CarrierBillRecord.<CarrierBillRecord>findById(billId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("carrier-bill", "No carrier bill " + billId))
                .chain(bill -> view(bill.id));
    }

    /** Amounts in the currency's minor units and positive; the model checks that the total adds up. */
    private static CarrierBill validate(CarrierBillRequest request, String prefix) {
        int minorUnits;
        try {
            minorUnits = Currency.getInstance(request.currency()).getDefaultFractionDigits();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("invalid-carrier-bill", prefix + "currency",
                    "Not an ISO 4217 currency: " + request.currency());
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        List<CarrierBillLine> lines = new ArrayList<>();
        for (int i = 0; i < request.lines().size(); i++) {
            CarrierBillRequest.Line line = request.lines().get(i);
            if (line.amount().signum() <= 0 || line.amount().stripTrailingZeros().scale() > minorUnits) {
                errors.add(new Problem.FieldError(prefix + "lines[" + i + "].amount",
                        "A positive amount with at most " + minorUnits + " decimals in " + request.currency()));
                continue;
            }
            lines.add(new CarrierBillLine(i + 1, line.trackingNumber().trim(), line.code(),
                    line.description() == null || line.description().isBlank() ? line.code().name() : line.description(),
                    new Money(line.amount(), request.currency()).rounded()));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("invalid-carrier-bill", "The carrier bill is not valid", errors);
        }
        return new CarrierBill(request.carrierId(), request.carrierInvoiceNumber().trim(), request.invoiceDate(), lines,
                Totals.sum(lines.stream().map(CarrierBillLine::amount).toList(), request.currency()));
    }

    /** The same carrier invoice number twice is the same bill sent again: refused, so it cannot be paid twice. */
    private static Uni<Void> refuseKnownNumbers(String carrierId, List<CarrierBill> bills, List<String> fields) {
        List<String> numbers = bills.stream().map(CarrierBill::carrierInvoiceNumber).toList();
        Set<String> unique = new HashSet<>(numbers);
        if (unique.size() != numbers.size()) {
            throw ProblemException.conflict("carrier-bill-duplicate", "The batch repeats an invoice number");
        }
        return CarrierBillRecord.<CarrierBillRecord>list("carrierId = ?1 and carrierInvoiceNumber in ?2", carrierId, numbers)
                .invoke(known -> {
                    if (known.isEmpty()) {
                        return;
                    }
                    List<Problem.FieldError> errors = known.stream().map(k -> {
                        String field = fields.get(numbers.indexOf(k.carrierInvoiceNumber));
                        return new Problem.FieldError(field.isEmpty() ? "carrierInvoiceNumber" : field,
                                "Carrier bill " + k.carrierInvoiceNumber + " was received on " + k.receivedAt
                                        + " as " + k.id);
                    }).toList();
                    throw new ProblemException(409, "carrier-bill-duplicate", "Duplicate carrier bill",
                            errors.size() == 1 ? errors.get(0).message() : errors.size() + " bills were received before",
                            errors);
                })
                .replaceWithVoid();
    }

    private Uni<UUID> store(CarrierBill bill, String via, EventContext context) {
        Instant now = clock.instant();
        CarrierBillRecord record = new CarrierBillRecord();
        record.id = UUID.randomUUID();
        record.carrierId = bill.carrierId();
        record.carrierInvoiceNumber = bill.carrierInvoiceNumber();
        record.invoiceDate = bill.invoiceDate();
        record.currency = bill.total().currency();
        record.totalAmount = bill.total().amount();
        record.receivedAt = now;
        record.receivedVia = via;
        return disputes.auditAndStore(record, bill.lines(), context).replaceWith(record.id);
    }

    private Uni<CarrierBillView> view(UUID billId) {
        return CarrierBillRecord.<CarrierBillRecord>findById(billId).chain(bill -> CarrierBillLineRecord.ofBill(billId)
                .chain(lines -> disputes.ofBill(billId).map(byLine -> new CarrierBillView(bill.id.toString(),
                        bill.carrierId, bill.carrierInvoiceNumber, bill.invoiceDate, bill.total(), bill.receivedAt,
                        bill.receivedVia, lines.stream().map(line -> {
                            var dispute = byLine.get(line.id);
                            return new CarrierBillView.Line(line.lineNumber, line.trackingNumber, line.shipmentId,
                                    line.code, line.description, line.money(bill.currency), line.auditStatus,
                                    dispute == null ? null : dispute.id.toString(),
                                    dispute == null ? null : dispute.reason);
                        }).toList()))));
    }
}
