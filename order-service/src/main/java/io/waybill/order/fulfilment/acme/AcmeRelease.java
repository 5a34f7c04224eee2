package io.waybill.order.fulfilment.acme;

import io.waybill.order.fulfilment.ReleaseDocument;

import java.math.BigDecimal;
import java.util.List;

/** acme-3pl's release format (their REST API): our release reference is theirs. */
public record AcmeRelease(
        String releaseReference,
        String warehouse,
        Recipient recipient,
        List<Line> lines,
        String carrier,
        String trackingNumber,
        String serviceLevel) {

    public record Recipient(String name, String company, String street1, String street2, String postalCode,
                            String city, String countryCode, String phone, String email) {
    }

    public record Line(String lineId, String sku, BigDecimal quantity, String unit) {
    }

    public static AcmeRelease from(ReleaseDocument release) {
        var to = release.shipTo();
        return new AcmeRelease(release.releaseReference(), release.warehouseId(),
                new Recipient(to.name(), to.company(), to.street1(), to.street2(), to.postalCode(), to.city(),
                        to.countryCode(), to.phone(), to.email()),
                release.lines().stream().map(l -> new Line(l.lineId(), l.sku(), l.quantity().value(),
                        l.quantity().unit().name())).toList(),
                release.carrierId(), release.trackingNumber(), release.serviceLevel().name());
    }
}
