package io.waybill.foundation.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes committed outbox messages to the broker, oldest first, and marks each one sent only after the broker
 * accepted it (the emitter's acknowledgement). A send that fails stops the batch, so a later event of the same
 * aggregate never overtakes an earlier one; the next run starts again from the first unsent message.
 * <p>
 * One relay is active per service at a time, whatever the replica count: each run takes a transaction-scoped
 * PostgreSQL advisory lock, and replicas that do not get it skip the run. Delivery is at-least-once (a crash after
 * the broker accepted a message but before it was marked sent re-sends it); consumers' inboxes make that harmless.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary, fixed: each service has its own database, so the key only has to be unique within one. */
    private static final long RELAY_LOCK_KEY = 0x57617962696C6CL;

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Pool pool;
    private final MutinyEmitter<JsonObject> emitter;
    private final int batchSize;
    private final Duration sendTimeout;
    private final boolean enabled;
    private final Duration relayInterval;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopping;
    private long timerId = -1;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingSeconds = new AtomicLong();
    private volatile String lastError;

    public OutboxRelay(Pool pool,
                       @Channel("waybill-outbox") MutinyEmitter<JsonObject> emitter,
                       MeterRegistry registry,
                       @ConfigProperty(name = "waybill.outbox.batch-size", defaultValue = "100") int batchSize,
                       @ConfigProperty(name = "waybill.outbox.send-timeout", defaultValue = "10s") Duration sendTimeout,
                       @ConfigProperty(name = "waybill.outbox.relay.enabled", defaultValue = "true") boolean enabled,
                       @ConfigProperty(name = "waybill.outbox.relay-interval", defaultValue = "100ms") Duration relayInterval) {
        this.relayInterval = relayInterval;
        this.pool = pool;
        this.emitter = emitter;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
        this.enabled = enabled;
        registry.gauge("waybill.outbox.pending", pending);
        registry.gauge("waybill.outbox.oldest.pending.seconds", oldestPendingSeconds);
    }

    /**
     * Polls on a Vert.x timer rather than the Quarkus scheduler, whose interval cannot go below one second: the
     * poll interval is the floor of event latency between services. Runs never overlap.
     */
    void startPolling(@Observes StartupEvent startup, Vertx vertx) {
        if (!enabled) {
            LOG.warn("Outbox relay disabled (waybill.outbox.relay.enabled=false): events stay in the outbox");
            return;
        }
        timerId = vertx.setPeriodic(relayInterval.toMillis(), id -> {
            if (stopping || !running.compareAndSet(false, true)) {
                return;
            }
            relay().onFailure().invoke(e -> LOG.warnf("Outbox relay run failed: %s", e.getMessage()))
                    .onTermination().invoke(() -> running.set(false))
                    .subscribe().with(sent -> { }, failure -> { });
        });
    }

    void stopPolling(@Observes ShutdownEvent shutdown, Vertx vertx) {
        stopping = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /**
     * One relay run: publishes up to a batch of unsent messages in order.
     *
     * @return how many messages the broker accepted in this run
     */
    public Uni<Integer> relay() {
        return pool.withTransaction(connection -> connection
                        .preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(RELAY_LOCK_KEY))
                        .flatMap(locked -> locked.iterator().next().getBoolean(0)
                                ? publishBatch(connection)
                                : Uni.createFrom().item(0)))
                .call(this::refreshBacklog);
    }

    private Uni<Integer> publishBatch(SqlConnection connection) {
        return connection.preparedQuery("""
                        SELECT position, event_id, event_type, stream, subject, envelope, traceparent
                        FROM outbox_message WHERE published_at IS NULL ORDER BY position LIMIT $1""")
                .execute(Tuple.of(batchSize))
                .flatMap(rows -> {
                    List<Row> batch = new ArrayList<>();
                    rows.forEach(batch::add);
                    return publishInOrder(connection, batch, 0, 0);
                });
    }

    private Uni<Integer> publishInOrder(SqlConnection connection, List<Row> batch, int index, int sent) {
        if (index == batch.size()) {
            if (sent > 0) {
                consecutiveFailures.set(0);
                lastError = null;
            }
            return Uni.createFrom().item(sent);
        }
        Row row = batch.get(index);
        long position = row.getLong("position");
        return send(row)
                .chain(() -> connection.preparedQuery(
                                "UPDATE outbox_message SET published_at = now(), attempts = attempts + 1 WHERE position = $1")
                        .execute(Tuple.of(position)))
                .chain(() -> publishInOrder(connection, batch, index + 1, sent + 1))
                .onFailure().recoverWithUni(failure -> {
                    consecutiveFailures.incrementAndGet();
                    lastError = failure.getClass().getSimpleName() + ": " + failure.getMessage();
                    LOG.warnf("Outbox message %d (%s) not accepted by the broker, will retry: %s",
                            position, row.getString("event_type"), lastError);
                    return connection.preparedQuery(
                                    "UPDATE outbox_message SET attempts = attempts + 1, last_error = $2 WHERE position = $1")
                            .execute(Tuple.of(position, lastError))
                            .replaceWith(sent);
                });
    }

    private Uni<Void> send(Row row) {
        String eventId = row.getUUID("event_id").toString();
        String eventType = row.getString("event_type");
        OutgoingAmqpMetadata amqp = OutgoingAmqpMetadata.builder()
                .withAddress(row.getString("stream"))
                .withDurable(true)
                .withMessageId(eventId)
                .withSubject(eventType)
                .withGroupId(row.getString("subject"))
                .withContentType("application/json")
                .withApplicationProperty("cloudEvents:id", eventId)
                .withApplicationProperty("cloudEvents:type", eventType)
                .build();
        Metadata metadata = Metadata.of(amqp);
        String traceparent = row.getString("traceparent");
        if (traceparent != null) {
            Context cause = W3CTraceContextPropagator.getInstance()
                    .extract(Context.root(), Map.of("traceparent", traceparent), MAP_GETTER);
            // The connector parents its publish span on the metadata's *current* context (withPrevious is for
            // incoming messages): the request or message that appended the event, not the relay's timer.
            metadata = metadata.with(TracingMetadata.withCurrent(cause));
        }
        JsonObject body = new JsonObject(row.getString("envelope"));
        return emitter.sendMessage(Message.of(body, metadata))
                .ifNoItem().after(sendTimeout).fail();
    }

    private Uni<Void> refreshBacklog(Integer ignored) {
        return pool.query("""
                        SELECT count(*) AS pending,
                               coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint AS oldest
                        FROM outbox_message WHERE published_at IS NULL""")
                .execute()
                .invoke((RowSet<Row> rows) -> {
                    Row row = rows.iterator().next();
                    pending.set(row.getLong("pending"));
                    oldestPendingSeconds.set(row.getLong("oldest"));
                })
                .replaceWithVoid();
    }

    /** Messages committed but not yet accepted by the broker, as of the last run. */
    public long pending() {
        return pending.get();
    }

    public long oldestPendingSeconds() {
        return oldestPendingSeconds.get();
    }

    /** Runs in a row that could not hand a message to the broker; 0 once one goes through. */
    public int consecutiveFailures() {
        return consecutiveFailures.get();
    }

    public String lastError() {
        return lastError;
    }
}
