package io.waybill.odoo.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.DeserializationFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bodies recorded from real Odoo servers (copied unchanged from {@code ../shared/odoo-17.0} and
 * {@code ../shared/odoo-19.0} into this module's {@code src/main/resources/odoo-transcripts/}). The stub answers with these
 * bodies, or with records seeded from them, so its shapes are Odoo's and not somebody's memory of them.
 */
public final class Transcripts {

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.1 (\\d{3})", Pattern.MULTILINE);

    private final String version;

    private Transcripts(String version) {
        this.version = version;
    }

    public static Transcripts odoo17() {
        return new Transcripts("17.0");
    }

    public static Transcripts odoo19() {
        return new Transcripts("19.0");
    }

    public String version() {
        return version;
    }

    public String text(String file) {
        String path = "odoo-transcripts/" + version + "/" + file;
        try (InputStream in = Transcripts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Recorded transcript missing from the odoo-stub resources: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode json(String file) {
        try {
            return JSON.readTree(text(file));
        } catch (IOException e) {
            throw new UncheckedIOException(path(file), e);
        }
    }

    /** The response of a recorded call: JSON-RPC's {@code result}, or JSON-2's bare body. */
    public JsonNode result(String label) {
        JsonNode body = json(label + ".response.json");
        return body.has("jsonrpc") ? body.get("result") : body;
    }

    /** The named arguments of a recorded call: JSON-2's body, or JSON-RPC's positional vals for create/write. */
    public JsonNode request(String label) {
        return json(label + ".request.json");
    }

    /** The HTTP status the real server answered, from the recorded response headers (JSON-2 recordings). */
    public int status(String label) {
        Matcher m = STATUS_LINE.matcher(text(label + ".headers.txt"));
        if (!m.find()) {
            throw new IllegalStateException("No response status recorded for " + label);
        }
        return Integer.parseInt(m.group(1));
    }

    /** Every webhook POST Odoo's automation made during the recording, body parsed. */
    public List<ObjectNode> webhookPayloads() {
        List<ObjectNode> payloads = new ArrayList<>();
        for (String line : text("webhook_received.jsonl").split("\n")) {
            if (!line.isBlank()) {
                try {
                    payloads.add((ObjectNode) JSON.readTree(JSON.readTree(line).get("body").asText()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return payloads;
    }

    private String path(String file) {
        return "odoo-transcripts/" + version + "/" + file;
    }
}
