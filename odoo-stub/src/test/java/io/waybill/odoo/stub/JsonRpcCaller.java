package io.waybill.odoo.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A bare JSON-RPC caller, as an external client talks to Odoo 17 over the wire. */
final class JsonRpcCaller {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI url;

    JsonRpcCaller(URI baseUrl) {
        this.url = baseUrl.resolve("/jsonrpc");
    }

    /** The whole answer of {@code service.method(args...)}: {@code result} or {@code error}. */
    JsonNode call(String service, String method, Object... args) {
        ObjectNode body = Transcripts.JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "call").put("id", 1);
        ObjectNode params = body.putObject("params").put("service", service).put("method", method);
        ArrayNode list = params.putArray("args");
        for (Object arg : args) {
            list.add(Transcripts.JSON.valueToTree(arg));
        }
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            return Transcripts.JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("JSON-RPC call to the stub failed", e);
        }
    }
}
