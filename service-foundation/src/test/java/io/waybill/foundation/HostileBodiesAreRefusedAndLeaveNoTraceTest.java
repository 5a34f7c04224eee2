package io.waybill.foundation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed, mistyped, unknown-field, duplicate-key and oversized bodies get a 4xx problem naming what is wrong,
 * no stack trace, and leave nothing behind; strings carrying SQL or markup are data, stored as sent, never code.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class HostileBodiesAreRefusedAndLeaveNoTraceTest extends FoundationTestBase {

    @Inject
    Pool pool;

    @Test
    void malformedJsonIsAProblemAndNothingIsWritten() {
        refused("{\"parcelId\": \"P-1\", \"sequence\": ", 400, "malformed-json", "body");
    }

    @Test
    void aWrongTypeNamesTheField() {
        refused("{\"parcelId\":\"P-1\",\"sequence\":\"seven\",\"failAfterAppend\":false}", 400,
                "invalid-json-value", "sequence");
    }

    @Test
    void anUnknownFieldNamesTheField() {
        refused("{\"parcelId\":\"P-1\",\"sequence\":1,\"failAfterAppend\":false,\"priority\":\"high\"}", 400,
                "unknown-field", "priority");
    }

    @Test
    void aDuplicateKeyIsRefused() {
        refused("{\"parcelId\":\"P-1\",\"parcelId\":\"P-2\",\"sequence\":1,\"failAfterAppend\":false}", 400,
                "duplicate-field", "parcelId");
    }

    @Test
    void aHugeNumberIsRefused() {
        refused("{\"parcelId\":\"P-1\",\"sequence\":99999999999999999999999,\"failAfterAppend\":false}", 400,
                "invalid-json-value", "sequence");
    }

    @Test
    void anOversizedBodyIsRefusedWithAProblemTheClientCanRead() {
        long before = rows();
        Response response = given().contentType(ContentType.JSON).body(oversized()).post("/test/parcel-scans");
        response.then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://waybill.io/problems/body-too-large"))
                .body("errors[0].field", equalTo("body"));
        assertEquals(before, rows());
    }

    @Test
    void aClientThatAsksBeforeSendingIsToldNotToSend() throws Exception {
        long before = rows();
        byte[] body = oversized().getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /test/parcel-scans HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("https://waybill.io/problems/body-too-large"), answer);
        }
        assertEquals(before, rows());
    }

    @Test
    void aChunkedBodyThatGrowsTooLargeIsCutOffAndNothingIsWritten() throws Exception {
        long before = rows();
        byte[] body = oversized().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/test/parcel-scans"))
                .header("Content-Type", "application/json")
                // An input-stream publisher has no length, so the client sends the body chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            int status = client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
            assertEquals(413, status);
        } catch (IOException connectionCutWhileSending) {
            // Cutting the connection off mid-body is an acceptable refusal too; what matters is what follows.
        }
        assertEquals(before, rows());
    }

    private static String oversized() {
        return "{\"parcelId\":\"" + "x".repeat(300 * 1024) + "\",\"sequence\":1,\"failAfterAppend\":false}";
    }

    @Test
    void sqlAndMarkupInAStringAreStoredAsDataNotRun() {
        String hostile = "P-'); DROP TABLE parcel_scan; -- <script>alert(1)</script>";
        String parcel = hostile + System.nanoTime();
        given().contentType(ContentType.JSON)
                .body(io.vertx.core.json.JsonObject.of("parcelId", parcel, "sequence", 1, "failAfterAppend", false).encode())
                .post("/test/parcel-scans").then().statusCode(201);
        long stored = pool.preparedQuery("SELECT count(*) FROM parcel_scan WHERE parcel_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(parcel)).await().indefinitely()
                .iterator().next().getLong(0);
        assertEquals(1, stored);
    }

    private void refused(String body, int status, String slug, String field) {
        long before = rows();
        Response response = given().contentType(ContentType.JSON).body(body).post("/test/parcel-scans");
        response.then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("https://waybill.io/problems/" + slug));
        if (field != null) {
            response.then().body("errors[0].field", equalTo(field));
        }
        assertFalse(response.asString().contains("Exception") || response.asString().contains("\tat "),
                "no stack trace: " + response.asString());
        assertEquals(before, rows(), "nothing may be written");
    }

    private long rows() {
        return pool.query("SELECT (SELECT count(*) FROM parcel_scan) + (SELECT count(*) FROM outbox_message)")
                .execute().await().indefinitely().iterator().next().getLong(0);
    }
}
