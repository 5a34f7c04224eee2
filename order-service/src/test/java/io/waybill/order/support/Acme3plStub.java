package io.waybill.order.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** acme-3pl's release API, played by WireMock on a free loopback port: accepts every release with 202. */
public class Acme3plStub implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
            server.start();
            server.stubFor(post(urlEqualTo("/acme/releases")).willReturn(aResponse().withStatus(202)));
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop-acme-3pl-stub"));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.rest-client.acme-3pl.url", "http://127.0.0.1:" + server().port() + "/acme");
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM, like the database and the broker.
    }
}
