package io.waybill.order.reference;

import io.waybill.model.order.OrderLine;
import io.waybill.model.order.Parcel;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The parcel a booking request announces for some order lines: one parcel, the sum of the unit weights, in the
 * largest unit's box. Cartonisation is the warehouse's business; the carrier re-rates on the real parcels. Used for
 * a whole order at intake and for each warehouse's part of a split order.
 */
public final class ParcelEstimate {

    private ParcelEstimate() {
    }

    /** No parcel when nothing weighs anything (unknown SKUs are the caller's error to report). */
    public static List<Parcel> of(List<OrderLine> lines, Map<String, Product> products) {
        BigDecimal weight = BigDecimal.ZERO;
        BigDecimal length = BigDecimal.ZERO;
        BigDecimal width = BigDecimal.ZERO;
        BigDecimal height = BigDecimal.ZERO;
        for (OrderLine line : lines) {
            Product product = products.get(line.sku());
            if (product == null) {
                continue;
            }
            weight = weight.add(product.weightKg.multiply(line.quantity().value()));
            length = length.max(product.lengthCm);
            width = width.max(product.widthCm);
            height = height.max(product.heightCm);
        }
        return weight.signum() > 0 ? List.of(new Parcel(weight, length, width, height)) : List.of();
    }
}
