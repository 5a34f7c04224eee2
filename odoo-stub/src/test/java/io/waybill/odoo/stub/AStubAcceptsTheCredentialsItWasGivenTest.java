package io.waybill.odoo.stub;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A stub where a client already points: its port, its database, login and API key, and nothing else. */
class AStubAcceptsTheCredentialsItWasGivenTest {

    @Test
    void theGivenCredentialsSignInOnTheGivenPortAndTheStubsOwnAreRefused() throws IOException {
        int port = freePort();
        try (OdooStub odoo = OdooStub.on(OdooApi.JSON_RPC).port(port).credentials("odoo17", "admin", "admin").start()) {
            assertEquals(port, odoo.port());
            JsonRpcCaller rpc = new JsonRpcCaller(odoo.baseUrl());

            assertEquals(2, rpc.call("common", "authenticate", "odoo17", "admin", "admin", Map.of()).path("result").asLong());
            // Recorded (003): a wrong password is answered false, not with a fault.
            JsonNode refused = rpc.call("common", "authenticate", OdooStub.DATABASE, OdooStub.LOGIN, OdooStub.API_KEY, Map.of());
            assertFalse(refused.path("result").asBoolean(true));

            JsonNode read = rpc.call("object", "execute_kw", "odoo17", 2, "admin", "res.country", "search_read",
                    List.of(List.of(List.of("code", "=", "NL"))), Map.of("fields", List.of("code")));
            assertEquals(165, read.at("/result/0/id").asLong(), read.toString());
            JsonNode denied = rpc.call("object", "execute_kw", "odoo17", 2, OdooStub.API_KEY, "res.country", "search",
                    List.of(List.of()));
            assertEquals("odoo.exceptions.AccessDenied", denied.at("/error/data/name").asText(), denied.toString());
        }
    }

    @Test
    void aTakenPortFailsTheStartAndClosingFreesThePort() throws IOException {
        int port;
        try (OdooStub first = OdooStub.on(OdooApi.JSON_2).start()) {
            port = first.port();
            assertThrows(IllegalStateException.class, () -> OdooStub.on(OdooApi.JSON_2).port(port).start());
        }
        try (OdooStub again = OdooStub.on(OdooApi.JSON_2).port(port).start()) {
            assertEquals(port, again.port());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
