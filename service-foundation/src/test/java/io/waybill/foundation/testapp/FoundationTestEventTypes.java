package io.waybill.foundation.testapp;

import io.waybill.events.EventType;
import io.waybill.foundation.outbox.TestEventTypes;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The test application's own event type, declared so the outbox (in tests only) accepts it beside the catalog. */
@ApplicationScoped
public class FoundationTestEventTypes implements TestEventTypes {

    @Override
    public List<EventType<?>> types() {
        return List.of(ParcelScanned.TYPE);
    }
}
