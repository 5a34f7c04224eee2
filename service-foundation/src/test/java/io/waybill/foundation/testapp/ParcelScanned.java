package io.waybill.foundation.testapp;

import io.waybill.events.EventStream;
import io.waybill.events.EventType;

/** A test-only event: a parcel was scanned at a hub. */
public record ParcelScanned(String parcelId, int sequence) {

    public static final EventType<ParcelScanned> TYPE =
            EventType.of("waybill.test.parcel-scanned.v1", EventStream.ORDERS, ParcelScanned.class);
}
