package io.waybill.order.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * acme-3pl's release API, played by WireMock on a free loopback port: accepts every release with 202 and every
 * cancellation with 200 (acme cancelled it). Tests add acme's other answers for one release: 404 (acme never had
 * it) and 409 with acme's problem body {@code already-shipped} ({@link #alreadyShipped}).
 */
public class Acme3plStub implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
            server.start();
            server.stubFor(post(urlEqualTo("/acme/releases")).willReturn(aResponse().withStatus(202)));
            server.stubFor(post(urlPathMatching("/acme/releases/[^/]+/cancellation"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody("{\"status\":\"CANCELLED\"}")));
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop-acme-3pl-stub"));
        }
        return server;
    }

    /** From now on acme answers the cancellation of this release as too late: the goods already left. */
    public static StubMapping alreadyShipped(String releaseReference) {
        return server().stubFor(post(urlEqualTo(cancellationPath(releaseReference))).atPriority(1)
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://acme-3pl.example/problems/already-shipped\","
                                + "\"title\":\"Release already shipped\",\"status\":409,\"code\":\"already-shipped\"}")));
    }

    public static String cancellationPath(String releaseReference) {
        return "/acme/releases/" + releaseReference + "/cancellation";
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
