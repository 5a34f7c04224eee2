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
 * <p>
 * {@link #start(OdooApi)} gives the connector's tests what they need: the recorded data, the stub's own
 * credentials, a free port. {@link #on(OdooApi)} configures anything else, e.g. an Odoo where a system test's
 * connector already points, with the credentials it was given and no recorded business records:
 * <pre>{@code
 * OdooStub odoo = OdooStub.on(OdooApi.JSON_RPC).port(8069).credentials("odoo17", "admin", "admin")
 *         .withoutRecordedRecords().start();
 * }</pre>
 */
public final class OdooStub implements AutoCloseable {

    public static final String DATABASE = "waybill";
    public static final String LOGIN = "connector@example.com";
    public static final String API_KEY = "stub-api-key-0123456789abcdef";
    public static final long UID = 2;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public enum DownMode { CONNECTION_REFUSED, SERVICE_UNAVAILABLE }

    /**
     * Who may call: the database name, the login ({@code common.authenticate}, JSON-RPC only), the API key (the
     * password over JSON-RPC, the bearer token over JSON-2) and the uid {@code authenticate} answers.
     */
    public record Credentials(String database, String login, String apiKey, long uid) {

        /** The stub's own throwaway credentials. */
        public static final Credentials STUB = new Credentials(DATABASE, LOGIN, API_KEY, UID);
    }

    /** One call that reached the stub. {@code nanos} is {@link System#nanoTime()} at arrival. */
    public record RecordedCall(long nanos, Instant at, String model, String method, List<Long> ids,
                               JsonNode arguments, int status) {
    }

    private final OdooApi flavour;
    private final Credentials credentials;
    private final boolean recordedRecords;
    private final Transcripts transcripts;
    private volatile StubDatabase database;
    private final Vertx vertx;
    private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();
    private final AtomicReference<DownMode> down = new AtomicReference<>();
    private final AtomicReference<Predicate<RecordedCall>> timeoutAfterCommit = new AtomicReference<>();
    private final AtomicInteger requestIds = new AtomicInteger();
    private volatile HttpServer server;
    private volatile int port;

    private OdooStub(OdooApi flavour, Credentials credentials, boolean recordedRecords) {
        this.flavour = flavour;
        this.credentials = credentials;
        this.recordedRecords = recordedRecords;
        this.transcripts = flavour == OdooApi.JSON_RPC ? Transcripts.odoo17() : Transcripts.odoo19();
        this.database = freshDatabase();
        this.vertx = Vertx.vertx();
    }

    /** Starts a stub for the given API on a free loopback port, with the recorded data and the stub's credentials. */
    public static OdooStub start(OdooApi flavour) {
        return on(flavour).start();
    }

    /** A stub for the given API, to configure before {@link Builder#start()}. */
    public static Builder on(OdooApi flavour) {
        return new Builder(flavour);
    }

    /** Port, credentials and starting data of a stub; by default those of {@link #start(OdooApi)}. */
    public static final class Builder {

        private final OdooApi flavour;
        private int port;
        private Credentials credentials = Credentials.STUB;
        private boolean recordedRecords = true;

        private Builder(OdooApi flavour) {
            this.flavour = flavour;
        }

        /** A fixed loopback port (where the client under test already points); 0, the default, is any free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The database, login and API key the stub accepts, e.g. the ones a connector was configured with. */
        public Builder credentials(String database, String login, String apiKey) {
            this.credentials = new Credentials(database, login, apiKey, UID);
            return this;
        }

        /**
         * Starts without the recorded business records (partners, products, stock, the recorded sales order with
         * its delivery and invoices): only the model definitions and the reference data (countries, carriers, the
         * ir.model entries the automation rules refer to). For a test that arranges its own records and must not
         * have a connector import the recorded ones. {@link #fixture()} then names records that do not exist.
         */
        public Builder withoutRecordedRecords() {
            this.recordedRecords = false;
            return this;
        }

        /** Starts listening; fails if the port is taken. */
        public OdooStub start() {
            OdooStub stub = new OdooStub(flavour, credentials, recordedRecords);
            try {
                stub.listen(port);
            } catch (RuntimeException e) {
                stub.close();
                throw e;
            }
            return stub;
        }
    }

    private StubDatabase freshDatabase() {
        StubDatabase fresh = new StubDatabase(transcripts, Clock.systemUTC());
        StubSeed.seed(fresh, flavour, recordedRecords);
        return fresh;
    }

    /** The credentials it accepts. */
    public Credentials credentials() {
        return credentials;
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
        database = freshDatabase();
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

    /**
     * The body Odoo's "Send Webhook Notification" automation posts about a record, in the recorded shape of this
     * server ({@code webhook_received.jsonl}: the recorded confirmation's keys, sorted, many2one fields as bare ids,
     * {@code _action}, {@code _id} and {@code _model}), with the record's current values. What the stub does not
     * compute (amounts, for one) goes out as the record holds it: {@code false} when it was never set.
     */
    public ObjectNode webhookNotification(String model, long id) {
        ObjectNode recorded = transcripts.webhookPayloads().stream()
                .filter(p -> "sale.order".equals(p.path("_model").asText()) && "sale".equals(p.path("state").asText())
                        && p.has("partner_id"))
                .findFirst().orElseThrow(() -> new IllegalStateException("No recorded confirmation webhook"));
        ObjectNode row = database.row(model, id);
        if (row == null) {
            throw new IllegalArgumentException("No " + model + " " + id + " in the stub");
        }
        java.util.TreeMap<String, JsonNode> sorted = new java.util.TreeMap<>();
        recorded.fieldNames().forEachRemaining(field -> {
            JsonNode value = row.get(field);
            if (value == null || value.isNull()) {
                value = com.fasterxml.jackson.databind.node.BooleanNode.FALSE;
            } else if (value.isArray() && value.size() == 2 && value.get(0).isIntegralNumber() && value.get(1).isTextual()) {
                value = value.get(0); // many2one: the automation sends the bare id
            }
            sorted.put(field, value);
        });
        sorted.put("_action", recorded.get("_action"));
        // As a receiver parses it: an int where the id fits one.
        JsonNode idNode = id <= Integer.MAX_VALUE ? NODES.numberNode((int) id) : NODES.numberNode(id);
        sorted.put("_id", idNode);
        sorted.put("id", idNode);
        sorted.put("_model", NODES.textNode(model));
        ObjectNode body = NODES.objectNode();
        sorted.forEach(body::set);
        return body;
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
