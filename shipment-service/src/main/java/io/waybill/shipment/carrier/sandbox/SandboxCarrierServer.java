package io.waybill.shipment.carrier.sandbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.waybill.model.shipment.LabelFormat;
import io.waybill.shipment.carrier.CarriersConfig;
import io.waybill.shipment.tracking.signature.StandardWebhooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox carriers: a small carrier API on its own loopback port, used by the local stack, the demo and the
 * tests in place of a real carrier. Every carrier configured with {@code adapter=sandbox} gets its own path prefix
 * ({@code /swiftpost/v1/...}) and its own switches for latency, 503s, 429s with Retry-After, lost label responses,
 * duplicate and out-of-order webhooks.
 * <p>
 * After a label is bought, the parcel moves through its milestones one {@code waybill.sandbox.tick} apart, and each
 * milestone is pushed as a Standard Webhooks-signed webhook to shipment-service (on its own schedule, as a carrier
 * would), unless the carrier's {@code webhooks} switch is off, in which case it can only be polled.
 * <p>
 * API (JSON): {@code POST /{carrier}/v1/rates}, {@code POST /{carrier}/v1/labels} (requires {@code Idempotency-Key};
 * the same key returns the same label), {@code DELETE /{carrier}/v1/labels/{trackingNumber}},
 * {@code GET /{carrier}/v1/tracking/{trackingNumber}}, and for operators {@code GET|PUT /{carrier}/_switches},
 * {@code GET /{carrier}/_stats}.
 */
@ApplicationScoped
public class SandboxCarrierServer {

    private static final Logger LOG = Logger.getLogger(SandboxCarrierServer.class);
    /** About four minutes of retries, the longest a service restart takes on a busy machine. */
    private static final int WEBHOOK_ATTEMPTS = 12;
    private static final List<SandboxStatus> JOURNEY = List.of(SandboxStatus.LABEL_CREATED, SandboxStatus.COLLECTED,
            SandboxStatus.HUB_SCAN, SandboxStatus.ON_VEHICLE, SandboxStatus.DELIVERED);
    private static final Map<String, BigDecimal[]> LEVELS = Map.of(
            // level -> {base price EUR, transit days}
            "ECONOMY", new BigDecimal[]{new BigDecimal("3.90"), BigDecimal.valueOf(5)},
            "STANDARD", new BigDecimal[]{new BigDecimal("5.90"), BigDecimal.valueOf(3)},
            "EXPRESS", new BigDecimal[]{new BigDecimal("11.90"), BigDecimal.valueOf(1)},
            "NEXT_DAY", new BigDecimal[]{new BigDecimal("17.90"), BigDecimal.valueOf(1)});

    private final SandboxConfig config;
    private final CarriersConfig carriers;
    private final Map<String, SandboxCarrier> byCarrier = new ConcurrentHashMap<>();
    private final HttpClient webhookClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Vertx vertx;
    private HttpServer server;

    public SandboxCarrierServer(SandboxConfig config, CarriersConfig carriers) {
        this.config = config;
        this.carriers = carriers;
        carriers.carriers().forEach((id, carrier) -> {
            if ("sandbox".equals(carrier.adapter())) {
                byCarrier.put(id, new SandboxCarrier(id, SandboxSwitches.from(config.carriers().get(id)),
                        config.journal().map(directory -> SandboxJournal.in(directory, id)).orElse(null)));
            }
        });
    }

    void start(@Observes StartupEvent startup) throws Exception {
        if (!config.enabled() || byCarrier.isEmpty()) {
            return;
        }
        // Its own small Vert.x, apart from the service's: the sandbox stands in for a remote carrier, and must not
        // share the service's event loops or appear in its HTTP server metrics.
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(1024 * 1024));
        router.get("/:carrier/_switches").handler(ctx -> withCarrier(ctx, c -> ok(ctx, 200, JsonObject.mapFrom(c.switches))));
        router.put("/:carrier/_switches").handler(ctx -> withCarrier(ctx, c -> {
            JsonObject body = ctx.body().asJsonObject();
            JsonObject merged = JsonObject.mapFrom(c.switches).mergeIn(body == null ? new JsonObject() : body);
            SandboxSwitches updated = merged.mapTo(SandboxSwitches.class);
            copy(updated, c.switches);
            ok(ctx, 200, JsonObject.mapFrom(c.switches));
        }));
        router.get("/:carrier/_stats").handler(ctx -> withCarrier(ctx, c -> ok(ctx, 200, new JsonObject()
                .put("requests", c.requests.get()).put("labelsIssued", c.labelsIssued.get()))));
        router.post("/:carrier/v1/rates").handler(ctx -> api(ctx, c -> rates(ctx, c)));
        router.post("/:carrier/v1/labels").handler(ctx -> api(ctx, c -> buy(ctx, c), true));
        router.get("/:carrier/v1/labels").handler(ctx -> api(ctx, c -> labelByKey(ctx, c)));
        router.delete("/:carrier/v1/labels/:tracking").handler(ctx -> api(ctx, c -> voidLabel(ctx, c)));
        router.get("/:carrier/v1/tracking/:tracking").handler(ctx -> api(ctx, c -> tracking(ctx, c)));
        server = vertx.createHttpServer().requestHandler(router)
                .listen(config.port(), "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        LOG.infof("Sandbox carriers %s listening on http://127.0.0.1:%d", byCarrier.keySet(), server.actualPort());
        byCarrier.values().forEach(this::resumeFromJournal);
    }

    /** Parcels sold before a restart take up their journeys where the clock says they are. */
    private void resumeFromJournal(SandboxCarrier carrier) {
        if (carrier.journal == null) {
            return;
        }
        SandboxJournal.Contents contents = carrier.journal.read();
        int resumed = 0;
        for (SandboxJournal.Label label : contents.labelsByTracking().values()) {
            carrier.labelsByKey.put(label.idempotencyKey(), label.response());
            carrier.labelsIssued.incrementAndGet();
            SandboxParcel parcel = new SandboxParcel(label.trackingNumber());
            carrier.parcels.put(label.trackingNumber(), parcel);
            if (contents.voided().contains(label.trackingNumber())) {
                parcel.voided = true;
                continue;
            }
            startJourney(carrier, parcel, label.start(), label.tickMs(), label.outOfOrder());
            resumed++;
        }
        if (!contents.labelsByTracking().isEmpty()) {
            LOG.infof("Sandbox carrier %s resumed %d parcels from its journal", carrier.id, resumed);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (vertx != null) {
            vertx.close();
        }
    }

    /** The switches of one sandbox carrier; tests and the demo flip them at runtime. */
    public SandboxSwitches switches(String carrierId) {
        return carrier(carrierId).switches;
    }

    /** Back to the switches the configuration gives this carrier (tests call this between cases). */
    public void resetSwitches(String carrierId) {
        copy(SandboxSwitches.from(config.carriers().get(carrierId)), carrier(carrierId).switches);
    }

    /** How many labels this carrier has really issued (a lost response still counts: the label exists). */
    public int labelsIssued(String carrierId) {
        return carrier(carrierId).labelsIssued.get();
    }

    /** Labels of this carrier that are bought and not voided: what would be carried and charged. */
    public long liveLabels(String carrierId) {
        return carrier(carrierId).parcels.values().stream().filter(parcel -> !parcel.voided).count();
    }

    /** The tracking number of the label bought under an idempotency key, if any. */
    public java.util.Optional<String> labelBoughtUnder(String carrierId, String idempotencyKey) {
        return java.util.Optional.ofNullable(carrier(carrierId).labelsByKey.get(idempotencyKey))
                .map(label -> label.getString("trackingNumber"));
    }

    public boolean isVoided(String carrierId, String trackingNumber) {
        SandboxParcel parcel = carrier(carrierId).parcels.get(trackingNumber);
        return parcel != null && parcel.voided;
    }

    public int requests(String carrierId) {
        return carrier(carrierId).requests.get();
    }

    /** Milliseconds between consecutive API requests to this carrier, as they arrived (the last 50). */
    public List<Long> requestGapsMillis(String carrierId) {
        List<Instant> arrivals = List.copyOf(carrier(carrierId).arrivals);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < arrivals.size(); i++) {
            gaps.add(Duration.between(arrivals.get(i - 1), arrivals.get(i)).toMillis());
        }
        return gaps;
    }

    private SandboxCarrier carrier(String carrierId) {
        SandboxCarrier carrier = byCarrier.get(carrierId);
        if (carrier == null) {
            throw new IllegalArgumentException(carrierId + " is not a sandbox carrier");
        }
        return carrier;
    }

    // --- the carrier API, behind the chaos switches

    private void api(RoutingContext ctx, java.util.function.Consumer<SandboxCarrier> handler) {
        api(ctx, handler, false);
    }

    private void api(RoutingContext ctx, java.util.function.Consumer<SandboxCarrier> handler, boolean labelPurchase) {
        withCarrier(ctx, carrier -> {
            carrier.requests.incrementAndGet();
            carrier.arrivals.add(Instant.now());
            while (carrier.arrivals.size() > 50) {
                carrier.arrivals.remove(0);
            }
            SandboxSwitches s = carrier.switches;
            // Decided on arrival, with the switches as they are now; the latency only delays the answer.
            boolean throttled = take(s, true) || ThreadLocalRandom.current().nextDouble() < s.throttleRate;
            boolean failed = !throttled && (take(s, false) || ThreadLocalRandom.current().nextDouble() < s.errorRate);
            int retryAfter = s.retryAfterSeconds;
            Runnable answer = () -> {
                if (throttled) {
                    ctx.response().putHeader("Retry-After", String.valueOf(retryAfter));
                    error(ctx, 429, "rate limit exceeded");
                } else if (failed) {
                    error(ctx, 503, "sandbox carrier temporarily unavailable");
                } else {
                    handler.accept(carrier);
                }
            };
            long latency = s.latencyMs + (labelPurchase ? s.labelLatencyMs : 0);
            if (latency > 0) {
                vertx.setTimer(latency, id -> answer.run());
            } else {
                answer.run();
            }
        });
    }

    private static synchronized boolean take(SandboxSwitches s, boolean throttle) {
        if (throttle && s.throttleNext > 0) {
            s.throttleNext--;
            return true;
        }
        if (!throttle && s.failNext > 0) {
            s.failNext--;
            return true;
        }
        return false;
    }

    private void rates(RoutingContext ctx, SandboxCarrier carrier) {
        JsonObject body = ctx.body().asJsonObject();
        if (body == null || body.getJsonObject("shipTo") == null || body.getJsonArray("parcels") == null
                || body.getJsonArray("parcels").isEmpty()) {
            error(ctx, 422, "shipTo and at least one parcel are required");
            return;
        }
        BigDecimal kilos = BigDecimal.ZERO;
        for (Object parcel : body.getJsonArray("parcels")) {
            kilos = kilos.add(new BigDecimal(((JsonObject) parcel).getValue("weightKg").toString()));
        }
        JsonArray rates = new JsonArray();
        String prefix = carrier.id.substring(0, Math.min(3, carrier.id.length())).toUpperCase();
        for (String level : List.of("ECONOMY", "STANDARD", "EXPRESS", "NEXT_DAY")) {
            BigDecimal[] terms = LEVELS.get(level);
            BigDecimal price = terms[0].add(kilos.multiply(new BigDecimal("0.80")))
                    .multiply(BigDecimal.valueOf(carrier.switches.priceFactor)).setScale(2, RoundingMode.HALF_EVEN);
            rates.add(new JsonObject().put("service", prefix + "-" + level).put("level", level)
                    .put("amount", price.toPlainString()).put("currency", "EUR")
                    .put("transitDays", terms[1].intValue()));
        }
        ok(ctx, 200, new JsonObject().put("rates", rates));
    }

    private void buy(RoutingContext ctx, SandboxCarrier carrier) {
        String key = ctx.request().getHeader("Idempotency-Key");
        if (key == null || key.isBlank()) {
            error(ctx, 400, "Idempotency-Key header is required");
            return;
        }
        JsonObject body = ctx.body().asJsonObject();
        if (body == null || body.getString("service") == null || body.getJsonObject("shipTo") == null) {
            error(ctx, 422, "service and shipTo are required");
            return;
        }
        JsonObject existing = carrier.labelsByKey.get(key);
        if (existing != null) {
            ok(ctx, 200, existing);
            return;
        }
        LabelFormat format = LabelFormat.valueOf(body.getString("format", "PDF"));
        String tracking = carrier.id.substring(0, Math.min(3, carrier.id.length())).toUpperCase()
                + String.format("%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L));
        JsonObject shipTo = body.getJsonObject("shipTo");
        byte[] label = SandboxLabels.render(format, carrier.id, tracking, body.getString("service"),
                shipTo.getString("city", "") + " " + shipTo.getString("countryCode", ""));
        JsonObject response = new JsonObject()
                .put("shipmentRef", "sbx-" + UUID.randomUUID())
                .put("trackingNumber", tracking)
                .put("service", body.getString("service"))
                .put("format", format.name())
                .put("label", Base64.getEncoder().encodeToString(label))
                .put("amount", body.getString("amount"))
                .put("currency", body.getString("currency"));
        long tick = Math.max(1, carrier.switches.tickMs > 0 ? carrier.switches.tickMs : config.tick().toMillis());
        Instant start = Instant.now();
        if (carrier.journal != null) {
            carrier.journal.labelBought(new SandboxJournal.Label(key, response, tracking, start, tick,
                    carrier.switches.outOfOrder));
        }
        carrier.labelsByKey.put(key, response);
        carrier.labelsIssued.incrementAndGet();
        SandboxParcel parcel = new SandboxParcel(tracking);
        carrier.parcels.put(tracking, parcel);
        startJourney(carrier, parcel, start, tick, carrier.switches.outOfOrder);
        synchronized (this) {
            if (carrier.switches.loseNextLabelResponses > 0) {
                carrier.switches.loseNextLabelResponses--;
                error(ctx, 503, "upstream connection reset");
                return;
            }
        }
        ok(ctx, 201, response);
    }

    /** The label bought under an idempotency key, voided or not: what a client asks after losing an answer. */
    private void labelByKey(RoutingContext ctx, SandboxCarrier carrier) {
        JsonObject label = carrier.labelsByKey.get(String.valueOf(ctx.request().getParam("idempotencyKey")));
        if (label == null) {
            error(ctx, 404, "no label bought under this idempotency key");
            return;
        }
        SandboxParcel parcel = carrier.parcels.get(label.getString("trackingNumber"));
        ok(ctx, 200, label.copy().put("voided", parcel != null && parcel.voided));
    }

    private void voidLabel(RoutingContext ctx, SandboxCarrier carrier) {
        SandboxParcel parcel = carrier.parcels.get(ctx.pathParam("tracking"));
        if (parcel == null) {
            error(ctx, 404, "unknown tracking number");
            return;
        }
        synchronized (parcel) {
            if (parcel.voided) {
                ctx.response().setStatusCode(204).end();
                return;
            }
            if (parcel.history.stream().anyMatch(e -> !SandboxStatus.LABEL_CREATED.name().equals(e.getString("status")))) {
                error(ctx, 409, "parcel already collected; it can no longer be voided");
                return;
            }
            parcel.voided = true;
            parcel.timers.forEach(vertx::cancelTimer);
        }
        if (carrier.journal != null) {
            carrier.journal.labelVoided(parcel.trackingNumber);
        }
        publish(carrier, parcel, event(parcel, SandboxStatus.VOIDED, Instant.now(), null));
        ctx.response().setStatusCode(204).end();
    }

    private void tracking(RoutingContext ctx, SandboxCarrier carrier) {
        SandboxParcel parcel = carrier.parcels.get(ctx.pathParam("tracking"));
        if (parcel == null) {
            error(ctx, 404, "unknown tracking number");
            return;
        }
        ok(ctx, 200, new JsonObject().put("trackingNumber", parcel.trackingNumber).put("events", new JsonArray(parcel.history)));
    }

    // --- the parcel's journey and its webhooks

    /**
     * Schedules the parcel's milestones from {@code start}, one per tick; milestones already due (a journey resumed
     * after a restart) go out at once.
     */
    private void startJourney(SandboxCarrier carrier, SandboxParcel parcel, Instant start, long tick, boolean outOfOrder) {
        long elapsed = java.time.Duration.between(start, Instant.now()).toMillis();
        for (int i = 0; i < JOURNEY.size(); i++) {
            SandboxStatus status = JOURNEY.get(i);
            Instant at = start.plusMillis(tick * i);
            // Out of order: every other event is held back until after its successor.
            long sendDelay = Math.max(0, tick * i + (outOfOrder && i % 2 == 1 ? tick + tick / 2 : 0) - elapsed);
            Runnable emit = () -> {
                synchronized (parcel) {
                    if (parcel.voided) {
                        return;
                    }
                }
                publish(carrier, parcel, event(parcel, status, at,
                        status == SandboxStatus.DELIVERED ? new JsonObject().put("signer", "A. NEIGHBOUR")
                                .put("photoUrl", "sandbox://pod/" + parcel.trackingNumber + ".jpg") : null));
            };
            if (sendDelay == 0) {
                emit.run();
            } else {
                parcel.timers.add(vertx.setTimer(sendDelay, id -> emit.run()));
            }
        }
    }

    private static JsonObject event(SandboxParcel parcel, SandboxStatus status, Instant at, JsonObject pod) {
        JsonObject event = new JsonObject()
                // One id per milestone of a parcel: a milestone sent again after a restart is the same event.
                .put("eventId", "sbx-evt-" + parcel.trackingNumber + "-" + status.name())
                .put("trackingNumber", parcel.trackingNumber)
                .put("status", status.name())
                .put("occurredAt", at.toString())
                .put("location", "Sandbox Hub, DE")
                .put("description", status.name().toLowerCase().replace('_', ' '));
        if (pod != null) {
            event.put("proofOfDelivery", pod);
        }
        return event;
    }

    private void publish(SandboxCarrier carrier, SandboxParcel parcel, JsonObject event) {
        parcel.history.add(event);
        String target = config.webhookTarget().filter(t -> !t.isBlank()).orElse(null);
        if (target == null || !carrier.switches.webhooks) {
            return;
        }
        List<String> secrets = carriers.carriers().get(carrier.id).webhookSecrets().orElse(List.of());
        if (secrets.isEmpty()) {
            LOG.warnf("Sandbox carrier %s has no webhook secret; not sending webhooks", carrier.id);
            return;
        }
        String body = event.encode();
        List<Integer> copies = new ArrayList<>();
        for (int i = 0; i <= carrier.switches.duplicates; i++) {
            copies.add(i);
        }
        for (int ignored : copies) {
            deliver(target + "/carriers/" + carrier.id + "/webhooks", secrets.get(0), "msg_" + UUID.randomUUID(),
                    body, parcel.trackingNumber, 1);
        }
    }

    /**
     * Sends one webhook message, and again with backoff while the receiver is unreachable or answers 5xx or 429,
     * as carriers do (same message id, fresh timestamp and signature); a 4xx other than 429 is final.
     */
    private void deliver(String url, String secret, String id, String body, String trackingNumber, int attempt) {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(StandardWebhooks.ID, id)
                .header(StandardWebhooks.TIMESTAMP, String.valueOf(timestamp))
                .header(StandardWebhooks.SIGNATURE, StandardWebhooks.sign(secret, id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        webhookClient.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            boolean retryable = failure != null || response.statusCode() >= 500 || response.statusCode() == 429;
            if (failure == null && response.statusCode() < 300) {
                return;
            }
            if (retryable && attempt < WEBHOOK_ATTEMPTS && vertx != null) {
                long backoff = Math.min(30_000, 500L << Math.min(attempt, 6));
                vertx.setTimer(backoff, t -> deliver(url, secret, id, body, trackingNumber, attempt + 1));
                return;
            }
            LOG.warnf("Sandbox webhook %s for %s not accepted (attempt %d): %s", id, trackingNumber, attempt,
                    failure != null ? failure.getMessage() : "HTTP " + response.statusCode());
        });
    }

    // --- plumbing

    private void withCarrier(RoutingContext ctx, java.util.function.Consumer<SandboxCarrier> handler) {
        SandboxCarrier carrier = byCarrier.get(ctx.pathParam("carrier"));
        if (carrier == null) {
            error(ctx, 404, "no such sandbox carrier");
            return;
        }
        handler.accept(carrier);
    }

    private static void ok(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    private static void error(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", message).encode());
    }

    private static void copy(SandboxSwitches from, SandboxSwitches to) {
        to.latencyMs = from.latencyMs;
        to.errorRate = from.errorRate;
        to.throttleRate = from.throttleRate;
        to.throttleNext = from.throttleNext;
        to.failNext = from.failNext;
        to.retryAfterSeconds = from.retryAfterSeconds;
        to.loseNextLabelResponses = from.loseNextLabelResponses;
        to.labelLatencyMs = from.labelLatencyMs;
        to.duplicates = from.duplicates;
        to.outOfOrder = from.outOfOrder;
        to.webhooks = from.webhooks;
        to.priceFactor = from.priceFactor;
        to.tickMs = from.tickMs;
    }

    private static final class SandboxCarrier {
        final String id;
        final SandboxSwitches switches;
        final SandboxJournal journal;
        final Map<String, JsonObject> labelsByKey = new ConcurrentHashMap<>();
        final Map<String, SandboxParcel> parcels = new ConcurrentHashMap<>();
        final AtomicInteger labelsIssued = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        final List<Instant> arrivals = new CopyOnWriteArrayList<>();

        SandboxCarrier(String id, SandboxSwitches switches, SandboxJournal journal) {
            this.id = id;
            this.switches = switches;
            this.journal = journal;
        }
    }

    private static final class SandboxParcel {
        final String trackingNumber;
        final List<JsonObject> history = new CopyOnWriteArrayList<>();
        final List<Long> timers = new CopyOnWriteArrayList<>();
        volatile boolean voided;

        SandboxParcel(String trackingNumber) {
            this.trackingNumber = trackingNumber;
        }
    }
}
