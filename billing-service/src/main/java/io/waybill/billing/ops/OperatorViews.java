package io.waybill.billing.ops;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waybill.model.Money;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only views for billing operators, computed by the database (aggregations over the billing tables, no
 * entity loading). Margins are internal figures: only the billing.audit scope reaches them, and no event carries them.
 */
@ApplicationScoped
public class OperatorViews {

    private final Pool pool;
    private final Clock clock;

    public OperatorViews(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * A delivered shipment without an invoice, and what it is waiting for. Return shipments are never invoiced, so
     * their delivery back to the warehouse is not listed.
     */
    public record UnbilledShipment(String shipmentId, String orderId, String customerId, String carrierId,
                                   Instant deliveredAt, String chargeStatus, String waitingFor) {
    }

    public Uni<List<UnbilledShipment>> unbilledShipments(int limit) {
        return pool.preparedQuery("""
                        SELECT shipment_id, order_id, customer_id, carrier_id, delivered_at, charge_status, rating_note
                        FROM billable_shipment
                        WHERE delivered_at IS NOT NULL AND invoice_id IS NULL AND cancelled_at IS NULL
                          AND return_of_shipment_id IS NULL
                        ORDER BY delivered_at LIMIT $1""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<UnbilledShipment> result = new ArrayList<>();
                    for (Row row : rows) {
                        String status = row.getString("charge_status");
                        result.add(new UnbilledShipment(row.getString("shipment_id"), row.getString("order_id"),
                                row.getString("customer_id"), row.getString("carrier_id"),
                                instant(row, "delivered_at"), status, waitingFor(status, row.getString("rating_note"))));
                    }
                    return result;
                });
    }

    private static String waitingFor(String chargeStatus, String ratingNote) {
        return switch (chargeStatus) {
            case "AWAITING_BOOKING" -> "the booking from shipment-service";
            case "AWAITING_BASIS" -> "the booking request from order-service";
            case "UNRATED" -> "a rate: " + ratingNote;
            default -> "the other shipments of its order (invoiced per order)";
        };
    }

    /** Open disputes of one carrier, by age. */
    public record OpenDisputesOfCarrier(String carrierId, long open, long underOneDay, long oneToSevenDays,
                                        long overSevenDays, Instant oldestOpenedAt, List<Money> billed) {
    }

    public Uni<List<OpenDisputesOfCarrier>> openDisputesByCarrier() {
        Instant now = clock.instant();
        OffsetDateTime oneDay = OffsetDateTime.ofInstant(now.minus(Duration.ofDays(1)), ZoneOffset.UTC);
        OffsetDateTime sevenDays = OffsetDateTime.ofInstant(now.minus(Duration.ofDays(7)), ZoneOffset.UTC);
        return pool.preparedQuery("""
                        SELECT carrier_id, currency, count(*) AS open,
                               count(*) FILTER (WHERE opened_at > $1) AS under_one_day,
                               count(*) FILTER (WHERE opened_at <= $1 AND opened_at > $2) AS one_to_seven_days,
                               count(*) FILTER (WHERE opened_at <= $2) AS over_seven_days,
                               min(opened_at) AS oldest, sum(billed_amount) AS billed
                        FROM freight_dispute WHERE status = 'OPEN'
                        GROUP BY carrier_id, currency ORDER BY carrier_id, currency""")
                .execute(Tuple.of(oneDay, sevenDays))
                .map(rows -> {
                    List<OpenDisputesOfCarrier> result = new ArrayList<>();
                    for (Row row : rows) {
                        String carrier = row.getString("carrier_id");
                        Money billed = new Money(row.getBigDecimal("billed"), row.getString("currency")).rounded();
                        OpenDisputesOfCarrier current = new OpenDisputesOfCarrier(carrier, row.getLong("open"),
                                row.getLong("under_one_day"), row.getLong("one_to_seven_days"),
                                row.getLong("over_seven_days"), instant(row, "oldest"), List.of(billed));
                        // A carrier billing in several currencies: one entry, counts added, one billed sum per currency.
                        if (!result.isEmpty() && result.getLast().carrierId().equals(carrier)) {
                            OpenDisputesOfCarrier previous = result.removeLast();
                            List<Money> sums = new ArrayList<>(previous.billed());
                            sums.add(billed);
                            current = new OpenDisputesOfCarrier(carrier, previous.open() + current.open(),
                                    previous.underOneDay() + current.underOneDay(),
                                    previous.oneToSevenDays() + current.oneToSevenDays(),
                                    previous.overSevenDays() + current.overSevenDays(),
                                    previous.oldestOpenedAt().isBefore(current.oldestOpenedAt())
                                            ? previous.oldestOpenedAt() : current.oldestOpenedAt(), List.copyOf(sums));
                        }
                        result.add(current);
                    }
                    return result;
                });
    }

    /**
     * What a shipment earns: what the customer is charged (charge lines, plus debit and minus credit notes) against
     * what the carrier costs (the payable bill lines once billed, else the booking quote), less what the returns of
     * its goods cost in return labels ({@code returnCost}, by the same rule: billed and payable, else the label's
     * quote; zero without returns). The customer is not charged for returns, so they only ever lower the margin.
     */
    public record ShipmentMargin(String shipmentId, String orderId, String customerId, String carrierId,
                                 Money revenue, Money carrierCost, boolean costFromCarrierBill, Money returnCost,
                                 Money margin, BigDecimal marginPercent) {
    }

    public Uni<List<ShipmentMargin>> margins(String shipmentId, String customerId, int limit) {
        return pool.preparedQuery("""
                        SELECT s.shipment_id, s.order_id, s.customer_id, s.carrier_id, s.quoted_amount, s.quoted_currency,
                               c.currency,
                               c.charged + coalesce((SELECT sum(CASE WHEN n.kind = 'DEBIT' THEN l.amount ELSE -l.amount END)
                                           FROM adjustment_note_line l JOIN adjustment_note n ON n.id = l.note_id
                                           WHERE l.shipment_id = s.shipment_id), 0) AS revenue,
                               (SELECT sum(b.amount) FROM carrier_bill_line b
                                 WHERE b.shipment_id = s.shipment_id AND b.audit_status IN ('APPROVED', 'ACCEPTED')) AS billed,
                               r.return_cost, r.return_currency
                        FROM billable_shipment s
                        LEFT JOIN LATERAL (
                              SELECT sum(coalesce((SELECT sum(b.amount) FROM carrier_bill_line b
                                                    WHERE b.shipment_id = ret.shipment_id
                                                      AND b.audit_status IN ('APPROVED', 'ACCEPTED')),
                                                   CASE WHEN ret.cancelled_at IS NULL THEN ret.quoted_amount END, 0))
                                         AS return_cost,
                                     min(ret.quoted_currency) AS return_currency
                              FROM billable_shipment ret WHERE ret.return_of_shipment_id = s.shipment_id) r ON true
                        JOIN (SELECT shipment_id, min(currency) AS currency, sum(amount) AS charged
                              FROM charge_line GROUP BY shipment_id) c ON c.shipment_id = s.shipment_id
                        WHERE ($1::varchar IS NULL OR s.shipment_id = $1) AND ($2::varchar IS NULL OR s.customer_id = $2)
                        ORDER BY s.booked_at DESC NULLS LAST LIMIT $3""")
                .execute(Tuple.of(shipmentId, customerId, limit))
                .map(rows -> {
                    List<ShipmentMargin> result = new ArrayList<>();
                    for (Row row : rows) {
                        String currency = row.getString("currency");
                        Money revenue = new Money(row.getBigDecimal("revenue"), currency).rounded();
                        BigDecimal billed = row.getBigDecimal("billed");
                        Money cost = billed != null ? new Money(billed, currency).rounded()
                                : row.getBigDecimal("quoted_amount") != null
                                ? new Money(row.getBigDecimal("quoted_amount"), row.getString("quoted_currency")).rounded()
                                : Money.zero(currency);
                        BigDecimal returned = row.getBigDecimal("return_cost");
                        String returnCurrency = row.getString("return_currency");
                        Money returnCost = returned == null ? Money.zero(currency)
                                : new Money(returned, returnCurrency != null ? returnCurrency : currency).rounded();
                        Money margin = cost.currency().equals(currency) && returnCost.currency().equals(currency)
                                ? revenue.minus(cost).minus(returnCost) : null;
                        BigDecimal percent = margin == null || revenue.isZero() ? null
                                : margin.amount().multiply(new BigDecimal("100"))
                                .divide(revenue.amount(), 1, RoundingMode.HALF_EVEN);
                        result.add(new ShipmentMargin(row.getString("shipment_id"), row.getString("order_id"),
                                row.getString("customer_id"), row.getString("carrier_id"), revenue, cost,
                                billed != null, returnCost, margin, percent));
                    }
                    return result;
                });
    }

    /** Delivered shipments without an invoice, for the gauge. */
    public Uni<Long> countUnbilled() {
        return pool.query("""
                        SELECT count(*) FROM billable_shipment
                        WHERE delivered_at IS NOT NULL AND invoice_id IS NULL AND cancelled_at IS NULL
                          AND return_of_shipment_id IS NULL""")
                .execute().map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Long> countOpenDisputes() {
        return pool.query("SELECT count(*) FROM freight_dispute WHERE status = 'OPEN'")
                .execute().map(rows -> rows.iterator().next().getLong(0));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
