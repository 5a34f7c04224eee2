package io.waybill.portal;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.waybill.portal.live.ShipmentUpdateBroadcaster;
import io.waybill.portal.support.CustomerFixture;
import io.waybill.portal.support.EventFeed;
import io.waybill.portal.support.Events;
import io.waybill.portal.support.PortalApi;
import io.waybill.portal.support.TestFeedChannel;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Two customers watch their parcels live. A milestone of A's parcel reaches A's stream; B's stream, which then
 * receives a milestone of B's own parcel, shows that one first: the in-process broadcaster is a single ordered
 * stream, so had A's update reached B it would have come before B's own.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(TestFeedChannel.class)
class LiveShipmentUpdatesTest {

    @Inject
    EventFeed feed;

    @Inject
    ShipmentUpdateBroadcaster broadcaster;

    @TestHTTPResource("/me/shipments/updates")
    URI updates;

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger keepAlives = new AtomicInteger();

    @Test
    void aMilestoneReachesItsCustomerAndNoOneElse() throws Exception {
        CustomerFixture a = CustomerFixture.of("LIVE-A", true).publishedThrough(feed);
        CustomerFixture b = CustomerFixture.of("LIVE-B", true).publishedThrough(feed);
        int before = broadcaster.subscribers();
        BlockingQueue<String> streamA = subscribe(a.customerId());
        BlockingQueue<String> streamB = subscribe(b.customerId());
        await().atMost(Duration.ofSeconds(30)).until(() -> broadcaster.subscribers() >= before + 2);

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        feed.publishAndAwait(Events.milestone(a.shipmentId(), a.orderId(), a.customerId(), "RETURNED_TO_SENDER", now));
        feed.publishAndAwait(Events.milestone(b.shipmentId(), b.orderId(), b.customerId(), "AVAILABLE_FOR_PICKUP", now));

        JsonPath toA = next(streamA);
        assertThat(toA.getString("trackingNumber"), equalTo(a.trackingNumber()));
        assertThat(toA.getString("orderNumber"), equalTo(a.orderNumber()));
        assertThat(toA.getString("status.code"), equalTo("RETURNING"));
        assertThat(toA.getString("occurredAt"), equalTo(now.toString()));

        JsonPath toB = next(streamB);
        assertThat("B's first update is B's own parcel, never A's", toB.getString("trackingNumber"),
                equalTo(b.trackingNumber()));
        assertThat(toB.getString("status.code"), equalTo("AVAILABLE_FOR_PICKUP"));
    }

    @Test
    void aQuietStreamIsKeptAlive() {
        subscribe("CUST-QUIET-" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).until(() -> keepAlives.get() >= 2);
    }

    @Test
    void theStreamNeedsACustomerToken() throws Exception {
        HttpResponse<Void> anonymous = http.send(HttpRequest.newBuilder(updates).header("Accept", "text/event-stream")
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(anonymous.statusCode(), equalTo(401));
    }

    /** Opens the customer's SSE stream and hands each event's data over as it arrives. */
    private BlockingQueue<String> subscribe(String customerId) {
        BlockingQueue<String> data = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(updates)
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + PortalApi.customerToken(customerId))
                .build();
        CompletableFuture<HttpResponse<Stream<String>>> response =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> {
            assertThat(r.statusCode(), equalTo(200));
            // SSE lines: "event:" names the next data, ":" lines are keep-alive comments.
            String[] event = {null};
            r.body().forEach(line -> {
                if (line.startsWith(":")) {
                    keepAlives.incrementAndGet();
                } else if (line.startsWith("event:")) {
                    event[0] = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.add(event[0] + " " + line.substring(5).trim());
                }
            });
        });
        return data;
    }

    /** The next event of a stream; the bound only turns a lost event into a failure instead of a hung build. */
    private static JsonPath next(BlockingQueue<String> stream) throws InterruptedException {
        String event = stream.poll(30, TimeUnit.SECONDS);
        assertThat("an update arrived", event, notNullValue());
        assertThat(event, startsWith(ShipmentUpdateBroadcaster.EVENT_NAME + " "));
        return JsonPath.from(event.substring(event.indexOf(' ') + 1));
    }
}
