package io.waybill.portal.support;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;
import io.waybill.portal.readmodel.ReadModelFeed;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Plays the other services: publishes events onto their stream addresses exactly as their outbox relays do
 * (address per stream, group id = subject, durable), and waits until the portal has applied them.
 */
@ApplicationScoped
public class EventFeed {

    private final MutinyEmitter<JsonObject> emitter;
    private final Pool pool;

    public EventFeed(@Channel("test-feed") MutinyEmitter<JsonObject> emitter, Pool pool) {
        this.emitter = emitter;
        this.pool = pool;
    }

    public void publish(EventEnvelope... events) {
        for (EventEnvelope event : events) {
            OutgoingAmqpMetadata amqp = OutgoingAmqpMetadata.builder()
                    .withAddress(streamOf(event.type()))
                    .withDurable(true)
                    .withMessageId(event.id())
                    .withSubject(event.type())
                    .withGroupId(event.subject())
                    .withContentType("application/json")
                    .build();
            emitter.sendMessage(Message.of(new JsonObject(EventJson.write(event)), Metadata.of(amqp)))
                    .await().atMost(Duration.ofSeconds(10));
        }
    }

    /** Publishes the events and waits until the portal's inbox has recorded every one of them. */
    public void publishAndAwait(EventEnvelope... events) {
        publish(events);
        awaitApplied(events);
    }

    public void awaitApplied(EventEnvelope... events) {
        List<String> ids = Arrays.stream(events).map(EventEnvelope::id).distinct().toList();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> applied(ids) == ids.size());
    }

    private long applied(List<String> ids) {
        return pool.preparedQuery("SELECT count(*) FROM inbox_message WHERE consumer = $1 AND message_id = ANY($2)")
                .execute(Tuple.of(ReadModelFeed.NAME, ids.toArray(String[]::new)))
                .await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    /** Runs a statement straight on the read model's database (to damage it, for example); the rows it touched. */
    public int execute(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.from(parameters))
                .await().atMost(Duration.ofSeconds(10)).rowCount();
    }

    public long count(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.from(parameters))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    private static String streamOf(String type) {
        if (type.startsWith("waybill.order.")) {
            return "waybill.orders";
        }
        if (type.startsWith("waybill.shipment.")) {
            return "waybill.shipments";
        }
        if (type.startsWith("waybill.billing.")) {
            return "waybill.billing";
        }
        if (type.startsWith("waybill.odoo.")) {
            return "waybill.odoo";
        }
        throw new IllegalArgumentException("No stream for " + type);
    }
}
