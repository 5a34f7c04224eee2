package io.waybill.foundation.outbox;

import io.waybill.events.EventType;

import java.util.List;

/**
 * Event types a test application may publish besides {@link io.waybill.events.EventCatalog}'s, declared explicitly
 * by a bean in its test sources (with their JSON Schema at {@link EventType#schemaResource()} in its test resources).
 * The outbox honours them only when Quarkus runs tests; in any other launch mode it refuses every non-catalog type.
 */
public interface TestEventTypes {

    List<EventType<?>> types();
}
