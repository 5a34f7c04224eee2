package io.waybill.odoo.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventJson;
import io.waybill.odoo.binding.BindingKind;
import io.waybill.odoo.binding.Bindings;
import io.waybill.odoo.client.OdooClient;
import io.waybill.odoo.writequeue.OdooWriteOperation;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes the tracking number on the delivery ({@code stock.picking.carrier_tracking_ref}). Repeating it is harmless.
 * <p>
 * An order shipped whole has one tracking number: it is written as it is, replacing what was there (a shipment
 * booked again replaces its predecessor's number). An order split across warehouses has one shipment, and one
 * tracking number, per warehouse on the same Odoo delivery: they stand side by side, comma-separated
 * ({@link TrackingRefs}), each once, a number superseded by a later booking for the same warehouse taken out, and
 * whatever else is there (typed by a user) kept. The numbers come from what the connector recorded of the order's
 * bookings ({@link ShipmentParts#trackingOf}), read when the write is applied: the writes are applied one at a time,
 * so the second shipment's write sees the first.
 */
@ApplicationScoped
public class TrackingRefOperation implements OdooWriteOperation {

    private final OdooClient odoo;
    private final OdooLookups lookups;
    private final Bindings bindings;
    private final ShipmentParts parts;

    public TrackingRefOperation(OdooClient odoo, OdooLookups lookups, Bindings bindings, ShipmentParts parts) {
        this.odoo = odoo;
        this.lookups = lookups;
        this.bindings = bindings;
        this.parts = parts;
    }

    @Override
    public String name() {
        return WriteRequests.TrackingRef.OPERATION;
    }

    @Override
    public Uni<Void> apply(JsonNode payload) {
        WriteRequests.TrackingRef request = EventJson.convert(payload, WriteRequests.TrackingRef.class);
        return lookups.deliveryOf(request.shipmentId(), request.odooOrderId())
                .chain(pickingId -> parts.trackingOf(request.shipmentId()).chain(tracking -> tracking.split()
                        ? writeBeside(pickingId, request.trackingNumber(), tracking)
                        : odoo.write("stock.picking", List.of(pickingId),
                        Map.of("carrier_tracking_ref", request.trackingNumber()), Map.of()).replaceWithVoid()))
                // Remember what Odoo should show, for the reconciliation to compare.
                .chain(() -> Panache.withTransaction(() -> bindings.recordState(BindingKind.DELIVERY,
                        request.shipmentId(), request.trackingNumber())))
                .replaceWithVoid();
    }

    private Uni<Void> writeBeside(long pickingId, String trackingNumber, ShipmentParts.Tracking tracking) {
        return odoo.read("stock.picking", List.of(pickingId), List.of("carrier_tracking_ref")).chain(pickings -> {
            String shown = pickings.isEmpty() ? null : pickings.get(0).textOrNull("carrier_tracking_ref");
            List<String> wanted = new ArrayList<>(tracking.current());
            if (!wanted.contains(trackingNumber)) {
                wanted.add(trackingNumber);
            }
            String joined = TrackingRefs.merge(shown, wanted, tracking.superseded());
            return joined.equals(shown) ? Uni.createFrom().voidItem()
                    : odoo.write("stock.picking", List.of(pickingId), Map.of("carrier_tracking_ref", joined), Map.of())
                    .replaceWithVoid();
        });
    }

    /** A delivery's {@code carrier_tracking_ref} holding several tracking numbers, comma-separated. */
    public static final class TrackingRefs {

        private TrackingRefs() {
        }

        /** The numbers in a tracking ref as Odoo shows it (empty for none). */
        public static List<String> numbers(String shown) {
            if (shown == null || shown.isBlank()) {
                return List.of();
            }
            return Arrays.stream(shown.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
        }

        /** Whether a tracking ref shows this number, alone or beside others. */
        public static boolean shows(String shown, String number) {
            return numbers(shown).contains(number);
        }

        /** What is shown, less the superseded numbers, with every wanted number once, in order. */
        static String merge(String shown, List<String> wanted, List<String> superseded) {
            List<String> numbers = new ArrayList<>(numbers(shown).stream().filter(n -> !superseded.contains(n))
                    .distinct().toList());
            for (String number : wanted) {
                if (!numbers.contains(number)) {
                    numbers.add(number);
                }
            }
            return String.join(", ", numbers);
        }
    }
}
