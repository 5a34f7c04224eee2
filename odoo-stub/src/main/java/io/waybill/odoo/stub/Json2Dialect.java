package io.waybill.odoo.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code POST /json/2/<model>/<method>} as Odoo 19.0 answered it in the recording. */
final class Json2Dialect {

    private static final Set<String> MODEL_METHODS = Set.of("search_read", "search", "search_count", "create",
            "fields_get", "name_search");
    /** The recorded fault of each kind; its recorded HTTP status comes with it. */
    private static final Map<StubFault.Kind, String> FAULTS = Map.of(
            StubFault.Kind.ACCESS, "036_sale_order_create_invoices_private",
            StubFault.Kind.ACCESS_DENIED, "048_error_bad_apikey",
            StubFault.Kind.VALIDATION, "043_error_required_field_missing",
            StubFault.Kind.MISSING, "046_error_missing_record_write",
            StubFault.Kind.USER, "096_identitycheck_run_check",
            StubFault.Kind.VALUE, "039_error_unknown_field_search_read",
            StubFault.Kind.UNKNOWN_MODEL, "037_error_unknown_model",
            StubFault.Kind.UNKNOWN_METHOD, "038_error_unknown_method",
            StubFault.Kind.SQL, "039_error_unknown_field_search_read");

    private final OdooStub stub;

    Json2Dialect(OdooStub stub) {
        this.stub = stub;
    }

    void handle(HttpServerRequest request, Buffer body, long nanos, Instant at) {
        Transcripts recorded = stub.transcripts();
        String[] path = request.path().split("/");
        // "", "json", "2", model, method
        if (path.length != 5 || !"json".equals(path[1]) || !"2".equals(path[2]) || request.method() != HttpMethod.POST) {
            stub.recordRejected(nanos, at, "", "", 404);
            send(request, recorded.status("061_error_get_method"), recorded.json("061_error_get_method.response.json"));
            return;
        }
        String model = path[3];
        String method = path[4];
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            stub.recordRejected(nanos, at, model, method, 415);
            request.response().setStatusCode(415).putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(recorded.text("060_error_text_plain_content_type.response.json"));
            return;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "bearer ", 0, 7)) {
            stub.recordRejected(nanos, at, model, method, 401);
            sendWithChallenge(request, "049_error_no_auth_header");
            return;
        }
        if (!stub.credentials().apiKey().equals(authorization.substring(7).trim())) {
            stub.recordRejected(nanos, at, model, method, 401);
            sendWithChallenge(request, "048_error_bad_apikey");
            return;
        }
        String database = request.getHeader("X-Odoo-Database");
        if (database != null && !stub.credentials().database().equals(database)) {
            stub.recordRejected(nanos, at, model, method, 404);
            request.response().setStatusCode(404).putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(recorded.text("052_error_unknown_db_header.response.json"));
            return;
        }
        JsonNode args;
        try {
            args = body.length() == 0 ? JsonNodeFactory.instance.objectNode() : Transcripts.JSON.readTree(body.getBytes());
        } catch (Exception e) {
            stub.recordRejected(nanos, at, model, method, 400);
            send(request, recorded.status("054_error_malformed_json"), recorded.json("054_error_malformed_json.response.json"));
            return;
        }
        if (!args.isObject()) {
            stub.recordRejected(nanos, at, model, method, 422);
            send(request, recorded.status("055_error_body_is_array"), recorded.json("055_error_body_is_array.response.json"));
            return;
        }
        ObjectNode named = ((ObjectNode) args).deepCopy();
        JsonNode ids = named.remove("ids");
        ObjectNode context = named.has("context") ? (ObjectNode) named.remove("context") : JsonNodeFactory.instance.objectNode();
        if (MODEL_METHODS.contains(method) && ids != null) {
            stub.recordRejected(nanos, at, model, method, 422);
            send(request, recorded.status("057_error_ids_on_model_method"),
                    recorded.json("057_error_ids_on_model_method.response.json"));
            return;
        }
        List<Long> idList = MODEL_METHODS.contains(method) ? null : OdooStub.idList(ids);
        OdooStub.Outcome outcome = stub.invoke(nanos, at, model, method, idList, named, context);
        if (outcome.fault() != null) {
            String label = FAULTS.get(outcome.fault().kind);
            ObjectNode error = (ObjectNode) recorded.json(label + ".response.json").deepCopy();
            error.put("message", outcome.fault().getMessage());
            error.set("arguments", OdooStub.array().add(outcome.fault().getMessage()));
            send(request, recorded.status(label), error);
        } else if (outcome.withhold()) {
            stub.withhold(request);
        } else {
            // The bare result; None is the four bytes "null" (recorded in 010).
            send(request, 200, outcome.result() == null ? JsonNodeFactory.instance.nullNode() : outcome.result());
        }
    }

    private void sendWithChallenge(HttpServerRequest request, String label) {
        request.response().putHeader("WWW-Authenticate", "Bearer ");
        send(request, stub.transcripts().status(label), stub.transcripts().json(label + ".response.json"));
    }

    private static void send(HttpServerRequest request, int status, JsonNode body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(OdooStub.json(body));
    }
}
