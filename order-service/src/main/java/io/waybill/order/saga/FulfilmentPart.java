package io.waybill.order.saga;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.waybill.model.order.OrderLine;
import io.waybill.model.order.Parcel;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What leaves one warehouse for an order: the lines (or parts of lines) reserved there, the parcel that carries
 * them, its own shipment and its own release to that warehouse's partner. An order whose stock sits in one
 * warehouse has one part; an order that allows splitting and was reserved across warehouses has one per warehouse,
 * and each is booked, released, shipped and delivered on its own. The order moves on when all its parts have.
 * Immutable: the saga replaces a part to change it, so the persisted list is always seen as changed.
 */
@RegisterForReflection
public record FulfilmentPart(
        String warehouseId,
        /** The reference the partner knows the release by (see {@link #releaseReference}). */
        String releaseReference,
        List<OrderLine> lines,
        List<Parcel> parcels,
        Progress progress,
        String partnerId,
        String shipmentId,
        String carrierId,
        String trackingNumber,
        List<String> triedCarriers,
        Instant acknowledgedAt,
        /** Only while the order is being cancelled: what the partner answered to the cancellation of this release. */
        CancelAnswer cancelAnswer) {

    /** How far this part has come. */
    public enum Progress {
        /** Waiting for shipment-service to book it. */
        BOOKING,
        /** Booked; the release to the warehouse is on its way to the partner. */
        BOOKED,
        /** The partner has the release. */
        RELEASED,
        /** The goods left the warehouse. */
        SHIPPED,
        DELIVERED
    }

    public enum CancelAnswer { ASKED, CONFIRMED, REFUSED }

    public FulfilmentPart {
        lines = List.copyOf(lines);
        parcels = List.copyOf(parcels);
        triedCarriers = triedCarriers == null ? List.of() : List.copyOf(triedCarriers);
    }

    /** A part reserved in {@code warehouseId}, not yet booked. */
    public static FulfilmentPart reserved(String warehouseId, String releaseReference, List<OrderLine> lines,
                                          List<Parcel> parcels) {
        return new FulfilmentPart(warehouseId, releaseReference, lines, parcels, Progress.BOOKING, null, null, null,
                null, List.of(), null, null);
    }

    /**
     * The partner's reference for a part's release. An order shipped whole keeps its order id (what partners have
     * always been sent); a part of a split order adds its warehouse, so that one partner serving two of the
     * warehouses can tell the releases apart. The separator is URL-safe: partners' APIs put the reference in paths.
     */
    public static String releaseReference(String orderId, String warehouseId, boolean split) {
        return split ? orderId + "." + warehouseId : orderId;
    }

    public boolean isBooked() {
        return shipmentId != null;
    }

    public boolean hasLeft() {
        return progress == Progress.SHIPPED || progress == Progress.DELIVERED;
    }

    /** Carriers routing allows that have not failed for this part yet, in preference order. */
    public List<String> untriedCarriers(List<String> allowed) {
        return allowed.stream().filter(c -> !triedCarriers.contains(c)).toList();
    }

    public FulfilmentPart booked(String shipmentId, String carrierId, String trackingNumber) {
        return new FulfilmentPart(warehouseId, releaseReference, lines, parcels, Progress.BOOKED, partnerId, shipmentId,
                carrierId, trackingNumber, triedCarriers, acknowledgedAt, cancelAnswer);
    }

    /** The shipment was cancelled (or never came): the part must be booked again before it can be released. */
    public FulfilmentPart unbooked() {
        return new FulfilmentPart(warehouseId, releaseReference, lines, parcels, Progress.BOOKING, null, null, null,
                null, List.of(), null, null);
    }

    public FulfilmentPart tried(List<String> carriers) {
        LinkedHashSet<String> all = new LinkedHashSet<>(triedCarriers);
        all.addAll(carriers);
        return new FulfilmentPart(warehouseId, releaseReference, lines, parcels, progress, partnerId, shipmentId,
                carrierId, trackingNumber, List.copyOf(all), acknowledgedAt, cancelAnswer);
    }

    public FulfilmentPart triedAfresh() {
        return new FulfilmentPart(warehouseId, releaseReference, lines, parcels, progress, partnerId, shipmentId,
                carrierId, trackingNumber, List.of(), acknowledgedAt, cancelAnswer);
    }

    /** Released (again) to {@code partnerId}: a fresh release waits for a fresh acknowledgement. */
    public FulfilmentPart releasingTo(String partnerId) {
        return new FulfilmentPart(warehouseId, releaseReference, lines, parcels, Progress.BOOKED, partnerId, shipmentId,
                carrierId, trackingNumber, triedCarriers, null, null);
    }

    public FulfilmentPart at(Progress progress) {
        return new FulfilmentPart(warehouseId, releaseReference, lines, parcels, progress, partnerId, shipmentId,
                carrierId, trackingNumber, triedCarriers, acknowledgedAt, cancelAnswer);
    }

    public FulfilmentPart acknowledged(Instant at) {
        return new FulfilmentPart(warehouseId, releaseReference, lines, parcels, progress, partnerId, shipmentId,
                carrierId, trackingNumber, triedCarriers, at, cancelAnswer);
    }

    public FulfilmentPart cancellation(CancelAnswer answer) {
        return new FulfilmentPart(warehouseId, releaseReference, lines, parcels, progress, partnerId, shipmentId,
                carrierId, trackingNumber, triedCarriers, acknowledgedAt, answer);
    }
}
