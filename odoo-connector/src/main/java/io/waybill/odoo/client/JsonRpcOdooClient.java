package io.waybill.odoo.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Odoo's JSON-RPC API ({@code POST /jsonrpc}), the external API of Odoo 16 to 18: {@code common.authenticate}
 * once for the user id, then {@code object.execute_kw(db, uid, api_key, model, method, args, kwargs)}.
 * <p>
 * Quirks handled here, as recorded from a real 17.0 server: every fault comes with HTTP 200 and an {@code error}
 * member; a method that returns nothing answers without any {@code result} key; a wrong password makes
 * {@code authenticate} answer {@code false} rather than fail; malformed JSON gets HTTP 400 with an HTML body.
 */
public final class JsonRpcOdooClient extends HttpOdooClient {

    private final AtomicLong requestIds = new AtomicLong();
    private volatile Long uid;

    public JsonRpcOdooClient(Vertx vertx, OdooConnection connection) {
        super(vertx, connection);
    }

    @Override
    public Uni<JsonNode> execute(OdooCall call) {
        return userId().chain(userId -> rpc("object", "execute_kw", executeKwArgs(userId, call), call));
    }

    private List<Object> executeKwArgs(long userId, OdooCall call) {
        List<Object> args = new ArrayList<>();
        if (call.ids() != null) {
            args.add(call.ids());
        }
        args.addAll(call.positional().values());
        Map<String, Object> kwargs = new LinkedHashMap<>(call.keywords());
        if (!call.context().isEmpty()) {
            kwargs.put("context", call.context());
        }
        return List.of(connection.database(), userId, connection.apiKey(), call.model(), call.method(), args, kwargs);
    }

    /** The user id behind the login and API key, asked once per client. */
    Uni<Long> userId() {
        Long known = uid;
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        OdooCall authenticate = OdooCall.on("common", "authenticate").build();
        return rpc("common", "authenticate",
                List.of(connection.database(), connection.login(), connection.apiKey(), Map.of()), authenticate)
                .map(result -> {
                    if (!result.isIntegralNumber()) {
                        // authenticate answers false, not a fault, for a wrong login or key.
                        throw new OdooAccessException("odoo.exceptions.AccessDenied",
                                "Odoo refused login '" + connection.login() + "' with the configured API key on database "
                                        + connection.database());
                    }
                    uid = result.asLong();
                    return uid;
                });
    }

    private Uni<JsonNode> rpc(String service, String method, List<Object> args, OdooCall call) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("method", "call");
        body.put("params", Map.of("service", service, "method", method, "args", args));
        body.put("id", requestIds.incrementAndGet());
        return post("/jsonrpc", Map.of(), body, call).map(response -> {
            JsonNode answer = parse(response, call);
            if (answer == null || !answer.isObject()) {
                throw nonJsonAnswer(response, call);
            }
            JsonNode error = answer.get("error");
            if (error != null && !error.isNull()) {
                JsonNode data = error.path("data");
                throw OdooFaults.fromOdoo(data.path("name").asText(null),
                        data.path("message").asText(error.path("message").asText()));
            }
            // A method returning None answers {"jsonrpc": "2.0", "id": 1} without "result".
            JsonNode result = answer.get("result");
            return result == null ? NullNode.getInstance() : result;
        });
    }
}
