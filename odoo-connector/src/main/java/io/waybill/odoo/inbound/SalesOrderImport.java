package io.waybill.odoo.inbound;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.events.odoo.OdooEvents;
import io.waybill.events.odoo.SalesOrderCancelled;
import io.waybill.events.odoo.SalesOrderConfirmed;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.odoo.binding.BindingKind;
import io.waybill.odoo.binding.Bindings;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Where the webhook path and the poll path meet. Whatever told the connector about an order, this decides, in one
 * transaction with the binding table, whether it is news: the binding of the order's name is inserted with
 * ON CONFLICT DO NOTHING and the event is appended only by the transaction that inserted it. Two paths, two
 * replicas, or a redelivered hint can therefore never publish one Odoo order twice.
 */
@ApplicationScoped
public class SalesOrderImport {

    private static final Logger LOG = Logger.getLogger(SalesOrderImport.class);
    static final String CONFIRMED = "CONFIRMED";
    static final String CANCELLED = "CANCELLED";

    public enum Outcome {
        /** Published as a new canonical order. */
        CONFIRMED,
        /** Published as cancelled (it had been published as confirmed before). */
        CANCELLED,
        /** Nothing new: already published in this state. */
        ALREADY_KNOWN,
        /** Not (yet) a confirmed order in Odoo: a quotation, or a cancelled order never confirmed to Waybill. */
        NOT_CONFIRMED
    }

    private final Bindings bindings;
    private final CustomerSync customers;
    private final Outbox outbox;
    private final Clock clock;

    public SalesOrderImport(Bindings bindings, CustomerSync customers, Outbox outbox, Clock clock) {
        this.bindings = bindings;
        this.customers = customers;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Whether an order in this Odoo state is already published as such, so the caller can skip reading its lines
     * and partners: the poll re-reads the last second's records on every run, and Odoo's capacity is not free.
     */
    public Uni<Boolean> alreadyKnown(long odooId, String odooState) {
        return Panache.withSession(() -> bindings.findByOdooId(BindingKind.SALES_ORDER, odooId)).map(binding -> {
            if (binding.isEmpty()) {
                return !"sale".equals(odooState); // never confirmed to Waybill: only a confirmation is news
            }
            return "sale".equals(odooState) || CANCELLED.equals(binding.get().state);
        });
    }

    /** Applies what Odoo returned for an order. Must not run inside another transaction. */
    public Uni<Outcome> apply(OdooSalesOrder order) {
        return switch (order.state() == null ? "" : order.state()) {
            case "sale" -> Panache.withTransaction(() -> bindings.findByOdooId(BindingKind.SALES_ORDER, order.id())
                    .chain(existing -> existing.isPresent()
                            ? Uni.createFrom().item(Outcome.ALREADY_KNOWN)
                            : publishConfirmed(order)));
            case "cancel" -> Panache.withTransaction(() -> bindings.advance(BindingKind.SALES_ORDER, order.name(),
                            CONFIRMED, CANCELLED, order.writeDate())
                    .chain(changed -> changed ? publishCancelled(order) : Uni.createFrom().item(Outcome.NOT_CONFIRMED)));
            default -> Uni.createFrom().item(Outcome.NOT_CONFIRMED);
        };
    }

    private Uni<Outcome> publishConfirmed(OdooSalesOrder order) {
        // Map once before touching anything, so an unusable order leaves no customer binding behind.
        OdooMapping.confirmedOrder(order, OdooMapping.newCustomerId(order.customer() == null
                ? order.order() : order.customer()));
        return customers.customerIdOf(order.customer(), order.countries()).chain(customerId -> {
            SalesOrderConfirmed event = OdooMapping.confirmedOrder(order, customerId);
            return bindings.bind(BindingKind.SALES_ORDER, order.name(), order.id(), order.writeDate(), CONFIRMED)
                    .chain(bound -> {
                        if (!bound) {
                            return Uni.createFrom().item(Outcome.ALREADY_KNOWN);
                        }
                        LOG.infof("Odoo order %s (id %d) confirmed: publishing it for order-service", order.name(), order.id());
                        return outbox.append(OdooEvents.SALES_ORDER_CONFIRMED, order.name(), event,
                                EventContext.start(null, customerId)).replaceWith(Outcome.CONFIRMED);
                    });
        });
    }

    private Uni<Outcome> publishCancelled(OdooSalesOrder order) {
        LOG.infof("Odoo order %s (id %d) cancelled", order.name(), order.id());
        return outbox.append(OdooEvents.SALES_ORDER_CANCELLED, order.name(),
                        new SalesOrderCancelled(OdooEvents.SOURCE_SYSTEM, order.name(), order.id(),
                                order.order().dateTime("write_date").orElse(clock.instant())),
                        EventContext.start(null, null))
                .replaceWith(Outcome.CANCELLED);
    }
}
