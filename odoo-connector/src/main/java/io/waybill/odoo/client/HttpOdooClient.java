package io.waybill.odoo.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** What both API flavours share: one HTTP POST of a JSON body, and the translation of transport failures. */
abstract class HttpOdooClient implements OdooClient, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HttpOdooClient.class);

    /** Decimals stay exact: amounts and quantities never pass through a binary float. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    protected final OdooConnection connection;
    private final WebClient web;

    protected HttpOdooClient(Vertx vertx, OdooConnection connection) {
        this.connection = connection;
        this.web = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) connection.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setUserAgent("waybill-odoo-connector"));
    }

    @Override
    public OdooApiFlavour flavour() {
        return connection.flavour();
    }

    protected Uni<HttpResponse<Buffer>> post(String path, Map<String, String> headers, Object body, OdooCall call) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("Cannot encode " + call.describe(), e));
        }
        var request = web.postAbs(connection.url(path))
                .timeout(connection.requestTimeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json");
        headers.forEach(request::putHeader);
        return request.sendBuffer(Buffer.buffer(bytes))
                .onFailure().transform(failure -> transportFailure(failure, call));
    }

    protected static JsonNode parse(HttpResponse<Buffer> response, OdooCall call) {
        try {
            return JSON.readTree(response.body() == null ? new byte[0] : response.body().getBytes());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** An answer that is not Odoo's JSON: a proxy or maintenance page, or a request Odoo could not parse. */
    protected static OdooException nonJsonAnswer(HttpResponse<Buffer> response, OdooCall call) {
        int status = response.statusCode();
        if (status == 502 || status == 503 || status == 504) {
            return new OdooUnavailableException("Odoo answered HTTP " + status + " to " + call.describe(), null);
        }
        return new OdooServerException("http-" + status, "Odoo answered HTTP " + status
                + " without a JSON body to " + call.describe());
    }

    private OdooException transportFailure(Throwable failure, OdooCall call) {
        if (failure instanceof OdooException odoo) {
            return odoo;
        }
        if (failure instanceof ConnectException || failure instanceof UnknownHostException) {
            return new OdooUnavailableException("Odoo at " + connection.baseUrl() + " is unreachable: "
                    + failure.getMessage(), failure);
        }
        if (failure instanceof TimeoutException) {
            return new OdooTimeoutException("No answer from Odoo within " + connection.requestTimeout()
                    + " to " + call.describe() + "; it may have been applied", failure);
        }
        if (failure instanceof HttpClosedException || failure instanceof io.vertx.core.VertxException) {
            return new OdooTimeoutException("Connection to Odoo closed before it answered " + call.describe()
                    + "; it may have been applied", failure);
        }
        LOG.debugf(failure, "Unexpected transport failure calling %s", call.describe());
        return new OdooUnavailableException("Calling Odoo failed: " + failure, failure);
    }

    @Override
    public void close() {
        web.close();
    }
}
