package io.waybill.odoo.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Odoo's JSON-2 API ({@code POST /json/2/<model>/<method>}), introduced in Odoo 19: a bearer API key, the database
 * in {@code X-Odoo-Database} (always sent: without it a call only works on a single-database server), named
 * arguments in a JSON object, and the bare result as the answer ({@code null} for a method returning nothing).
 * <p>
 * Faults carry an HTTP status and {@code {name, message, ...}}; 404 means an unknown model or method as much as a
 * missing record, so the fault type comes from {@code name}, not from the status. An unknown database answers
 * 404 with an HTML page.
 */
public final class Json2OdooClient extends HttpOdooClient {

    public Json2OdooClient(Vertx vertx, OdooConnection connection) {
        super(vertx, connection);
    }

    @Override
    public Uni<JsonNode> execute(OdooCall call) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (call.ids() != null) {
            body.put("ids", call.ids());
        }
        body.putAll(call.positional());
        body.putAll(call.keywords());
        if (!call.context().isEmpty()) {
            body.put("context", call.context());
        }
        Map<String, String> headers = Map.of(
                "Authorization", "bearer " + connection.apiKey(),
                "X-Odoo-Database", connection.database());
        return post("/json/2/" + call.model() + "/" + call.method(), headers, body, call).map(response -> {
            JsonNode answer = parse(response, call);
            if (response.statusCode() == 200) {
                if (answer == null) {
                    throw nonJsonAnswer(response, call);
                }
                return answer.isMissingNode() ? NullNode.getInstance() : answer;
            }
            if (answer == null || !answer.isObject() || !answer.has("name")) {
                throw nonJsonAnswer(response, call);
            }
            throw OdooFaults.fromOdoo(answer.path("name").asText(), answer.path("message").asText(null));
        });
    }
}
