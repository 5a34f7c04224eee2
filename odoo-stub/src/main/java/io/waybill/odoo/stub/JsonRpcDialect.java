package io.waybill.odoo.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code POST /jsonrpc} as Odoo 17.0 answered it in the recording. */
final class JsonRpcDialect {

    /** Model-level methods: no ids in front; the rest of execute_kw's args are these positional names. */
    private static final Map<String, List<String>> MODEL_METHODS = Map.of(
            "search_read", List.of("domain", "fields", "offset", "limit", "order"),
            "search", List.of("domain", "offset", "limit", "order"),
            "search_count", List.of("domain"),
            "create", List.of("vals_list"));
    /** Record-level methods: ids first, then these positional names. */
    private static final Map<String, List<String>> RECORD_METHODS = Map.of(
            "read", List.of("fields"),
            "write", List.of("vals"));
    /** The recorded fault of each kind, whose envelope is reused with the message of the case at hand. */
    private static final Map<StubFault.Kind, String> FAULTS = Map.of(
            StubFault.Kind.ACCESS, "070_error_private_method",
            StubFault.Kind.ACCESS_DENIED, "075_error_access_denied_bad_password",
            StubFault.Kind.VALIDATION, "068_error_validation_missing_required",
            StubFault.Kind.MISSING, "072_error_missing_record_write",
            StubFault.Kind.USER, "069_error_user_error_confirm_cancelled",
            StubFault.Kind.VALUE, "073_error_unknown_field",
            StubFault.Kind.UNKNOWN_MODEL, "074_error_unknown_model",
            // Not recorded on 17.0: Odoo's get_public_method raises AttributeError("The method 'model.name' does not
            // exist"), which JSON-RPC reports like the recorded ValueError (073) under the name builtins.AttributeError.
            StubFault.Kind.UNKNOWN_METHOD, "073_error_unknown_field",
            StubFault.Kind.SQL, "009_error_res_partner_read_id0");
    private static final Set<String> NEEDS_NO_IDS = Set.of("fields_get", "name_search", "default_get");

    private final OdooStub stub;

    JsonRpcDialect(OdooStub stub) {
        this.stub = stub;
    }

    void handle(HttpServerRequest request, Buffer body, long nanos, Instant at) {
        Transcripts recorded = stub.transcripts();
        JsonNode rpc;
        try {
            rpc = Transcripts.JSON.readTree(body.getBytes());
        } catch (Exception e) {
            rpc = null;
        }
        if (!request.path().equals("/jsonrpc") || rpc == null || !rpc.isObject()) {
            stub.recordRejected(nanos, at, "", "", 400);
            request.response().setStatusCode(400).putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(recorded.text("076_error_malformed_json.response.json"));
            return;
        }
        JsonNode id = rpc.path("id");
        JsonNode params = rpc.path("params");
        JsonNode args = params.path("args");
        String service = params.path("service").asText();
        String method = params.path("method").asText();
        if (service.equals("common") && method.equals("version")) {
            reply(request, id, recorded.result("001_common_version"));
            return;
        }
        OdooStub.Credentials accepted = stub.credentials();
        if (service.equals("common") && method.equals("authenticate")) {
            boolean ok = accepted.database().equals(args.path(0).asText()) && accepted.login().equals(args.path(1).asText())
                    && accepted.apiKey().equals(args.path(2).asText());
            stub.recordRejected(nanos, at, "common", "authenticate", 200);
            // Recorded (002, 003): the uid, or false for a wrong password; never a fault.
            reply(request, id, ok ? JsonNodeFactory.instance.numberNode(accepted.uid()) : BooleanNode.FALSE);
            return;
        }
        if (!service.equals("object") || !method.equals("execute_kw")) {
            fault(request, id, new StubFault(StubFault.Kind.VALUE, "Unknown service or method: " + service + "." + method));
            return;
        }
        if (!accepted.database().equals(args.path(0).asText()) || args.path(1).asLong() != accepted.uid()
                || !accepted.apiKey().equals(args.path(2).asText())) {
            stub.recordRejected(nanos, at, args.path(3).asText(), args.path(4).asText(), 200);
            fault(request, id, new StubFault(StubFault.Kind.ACCESS_DENIED, "Access Denied"));
            return;
        }
        String model = args.path(3).asText();
        String odooMethod = args.path(4).asText();
        ArrayNode positional = args.path(5).isArray() ? (ArrayNode) args.path(5) : OdooStub.array();
        ObjectNode keywords = args.path(6).isObject() ? ((ObjectNode) args.path(6)).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        ObjectNode context = keywords.has("context") ? (ObjectNode) keywords.remove("context")
                : JsonNodeFactory.instance.objectNode();

        List<Long> ids = null;
        List<String> names = MODEL_METHODS.get(odooMethod);
        int first = 0;
        if (names == null && !NEEDS_NO_IDS.contains(odooMethod)) {
            ids = OdooStub.idList(positional.path(0));
            names = RECORD_METHODS.getOrDefault(odooMethod, List.of());
            first = 1;
        }
        if (names != null) {
            for (int i = first; i < positional.size() && i - first < names.size(); i++) {
                keywords.set(names.get(i - first), positional.get(i));
            }
        }
        OdooStub.Outcome outcome = stub.invoke(nanos, at, model, odooMethod, ids, keywords, context);
        if (outcome.fault() != null) {
            fault(request, id, outcome.fault());
        } else if (outcome.withhold()) {
            stub.withhold(request);
        } else {
            reply(request, id, outcome.result());
        }
    }

    private void reply(HttpServerRequest request, JsonNode id, JsonNode result) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("jsonrpc", "2.0");
        answer.set("id", id);
        if (result != null && !result.isNull()) {
            answer.set("result", result); // recorded (015): a method returning None gets no "result" key at all
        }
        request.response().putHeader("Content-Type", "application/json").end(OdooStub.json(answer));
    }

    private void fault(HttpServerRequest request, JsonNode id, StubFault fault) {
        ObjectNode answer = (ObjectNode) stub.transcripts().json(FAULTS.get(fault.kind) + ".response.json").deepCopy();
        answer.set("id", id);
        ObjectNode data = (ObjectNode) answer.path("error").path("data");
        if (fault.kind == StubFault.Kind.UNKNOWN_METHOD) {
            data.put("name", "builtins.AttributeError");
        }
        data.put("message", fault.getMessage());
        data.set("arguments", OdooStub.array().add(fault.getMessage()));
        request.response().putHeader("Content-Type", "application/json").end(OdooStub.json(answer));
    }
}
