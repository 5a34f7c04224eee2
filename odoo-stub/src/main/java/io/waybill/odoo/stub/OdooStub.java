package io.waybill.odoo.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A stand-in Odoo server on a loopback port, speaking the API of one recorded server: JSON-RPC as recorded from
 * Odoo 17.0, or JSON-2 as recorded from Odoo 19.0. Its records are seeded from the recorded answers, its faults
 * are the recorded error bodies (with the message of the case at hand), its wizards the recorded wizard actions.
 * <p>
 * Switches for the failure cases the connector must survive: {@link #goDown} (connection refused, or 503 from a
 * proxy in front of Odoo), {@link #timeOutAfterCommit} (Odoo applies a call and the answer never comes), and every
 * call that reached it is kept in {@link #calls()} with its arrival time.
 */
public final class OdooStub implements AutoCloseable {

    public static final String DATABASE = "waybill";
    public static final String LOGIN = "connector@example.com";
    public static final String API_KEY = "stub-api-key-0123456789abcdef";
    public static final long UID = 2;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public enum DownMode { CONNECTION_REFUSED, SERVICE_UNAVAILABLE }

    /** One call that reached the stub. {@code nanos} is {@link System#nanoTime()} at arrival. */
    public record RecordedCall(long nanos, Instant at, String model, String method, List<Long> ids,
                               JsonNode arguments, int status) {
    }

    private final OdooApi flavour;
    private final Transcripts transcripts;
    private volatile StubDatabase database;
    private final Vertx vertx;
    private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();
    private final AtomicReference<DownMode> down = new AtomicReference<>();
    private final AtomicReference<Predicate<RecordedCall>> timeoutAfterCommit = new AtomicReference<>();
    private final AtomicInteger requestIds = new AtomicInteger();
    private volatile HttpServer server;
    private volatile int port;

    private OdooStub(OdooApi flavour) {
        this.flavour = flavour;
        this.transcripts = flavour == OdooApi.JSON_RPC ? Transcripts.odoo17() : Transcripts.odoo19();
        this.database = new StubDatabase(transcripts, Clock.systemUTC());
        this.vertx = Vertx.vertx();
        StubSeed.seed(database, flavour);
    }

    /** Starts a stub for the given API on a free loopback port. */
    public static OdooStub start(OdooApi flavour) {
        OdooStub stub = new OdooStub(flavour);
        stub.listen(0);
        return stub;
    }

    public OdooApi flavour() {
        return flavour;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public Transcripts transcripts() {
        return transcripts;
    }

    /** What the recorded fixture holds: the confirmed order, its delivery and the rest, per recorded server. */
    public StubSeed.Fixture fixture() {
        return StubSeed.fixture(flavour);
    }

    // ---- switches -------------------------------------------------------------------------------------------

    public void goDown(DownMode mode) {
        down.set(mode);
        if (mode == DownMode.CONNECTION_REFUSED) {
            HttpServer running = server;
            server = null;
            await(running.close().toCompletionStage().toCompletableFuture());
        }
    }

    public void comeBack() {
        DownMode was = down.getAndSet(null);
        if (was == DownMode.CONNECTION_REFUSED) {
            listen(port);
        }
    }

    /**
     * The next call matching {@code filter} is applied (committed) but never answered: the connection is held
     * for {@code holdFor} and then closed, as when Odoo or a proxy stalls after the commit.
     */
    public void timeOutAfterCommit(Predicate<RecordedCall> filter) {
        timeoutAfterCommit.set(filter);
    }

    /** Back to the recorded starting data, switches off, calls forgotten: a fresh Odoo for the next test. */
    public void reset() {
        StubDatabase fresh = new StubDatabase(transcripts, Clock.systemUTC());
        StubSeed.seed(fresh, flavour);
        database = fresh;
        timeoutAfterCommit.set(null);
        comeBack();
        calls.clear();
    }

    public List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    public List<RecordedCall> calls(String model, String method) {
        return calls.stream().filter(c -> c.model().equals(model) && c.method().equals(method)).toList();
    }

    public void forgetCalls() {
        calls.clear();
    }

    /** Records as Odoo holds them now, for assertions (a copy). */
    public List<ObjectNode> records(String model, Predicate<ObjectNode> filter) {
        return database.rows(model, filter);
    }

    public ObjectNode record(String model, long id) {
        return database.row(model, id);
    }

    /** Direct access to the data, for arranging a test the way a user in Odoo would have. */
    public JsonNode odooUserDoes(String model, String method, List<Long> ids, ObjectNode args, ObjectNode context) {
        return database.invoke(model, method, ids, args, context == null ? NODES.objectNode() : context);
    }

    @Override
    public void close() {
        await(vertx.close().toCompletionStage().toCompletableFuture());
    }

    // ---- HTTP -----------------------------------------------------------------------------------------------

    private void listen(int onPort) {
        HttpServer created = vertx.createHttpServer().requestHandler(this::handle);
        server = await(created.listen(onPort, "127.0.0.1").toCompletionStage().toCompletableFuture());
        port = server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        long nanos = System.nanoTime();
        Instant at = Instant.now();
        request.body().onSuccess(body -> {
            if (down.get() == DownMode.SERVICE_UNAVAILABLE) {
                calls.add(new RecordedCall(nanos, at, "", "", List.of(), NODES.nullNode(), 503));
                request.response().setStatusCode(503).putHeader("Content-Type", "text/html")
                        .end("<html><body><h1>503 Service Unavailable</h1>Odoo is under maintenance.</body></html>");
                return;
            }
            try {
                if (flavour == OdooApi.JSON_RPC) {
                    new JsonRpcDialect(this).handle(request, body, nanos, at);
                } else {
                    new Json2Dialect(this).handle(request, body, nanos, at);
                }
            } catch (RuntimeException defect) {
                // A gap in the stub must fail the test loudly, not look like a stalled Odoo.
                defect.printStackTrace();
                request.response().setStatusCode(500).putHeader("Content-Type", "text/plain")
                        .end("Odoo stub defect: " + defect);
            }
        });
    }

    /** Runs one call against the data, recording it, and says whether the answer must be withheld. */
    Outcome invoke(long nanos, Instant at, String model, String method, List<Long> ids, ObjectNode args,
                   ObjectNode context) {
        try {
            JsonNode result = database.invoke(model, method, ids, args, context);
            RecordedCall call = new RecordedCall(nanos, at, model, method, ids, args, 200);
            calls.add(call);
            Predicate<RecordedCall> stall = timeoutAfterCommit.get();
            boolean withhold = stall != null && stall.test(call) && timeoutAfterCommit.compareAndSet(stall, null);
            return new Outcome(result, null, withhold);
        } catch (StubFault fault) {
            calls.add(new RecordedCall(nanos, at, model, method, ids, args, 0));
            return new Outcome(null, fault, false);
        }
    }

    record Outcome(JsonNode result, StubFault fault, boolean withhold) {
    }

    /** Holds a committed call's answer back and then drops the connection. */
    void withhold(HttpServerRequest request) {
        vertx.setTimer(Duration.ofSeconds(5).toMillis(), t -> request.connection().close());
    }

    void recordRejected(long nanos, Instant at, String model, String method, int status) {
        calls.add(new RecordedCall(nanos, at, model, method, List.of(), NODES.nullNode(), status));
    }

    int nextRequestId() {
        return requestIds.incrementAndGet();
    }

    static List<Long> idList(JsonNode ids) {
        List<Long> out = new ArrayList<>();
        if (ids == null || ids.isNull()) {
            return out;
        }
        if (ids.isIntegralNumber()) {
            out.add(ids.asLong()); // recorded on 19 (099): a scalar id is accepted
        } else {
            ids.forEach(id -> out.add(id.asLong()));
        }
        return out;
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Odoo stub did not start or stop", e);
        }
    }

    static Buffer json(JsonNode node) {
        try {
            return Buffer.buffer(Transcripts.JSON.writeValueAsBytes(node));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
