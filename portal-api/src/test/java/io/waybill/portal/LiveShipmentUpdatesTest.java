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
import io.waybill.portal.support.LiveStream;
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
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Two customers watch their parcels live. A milestone of A's parcel reaches A's stream and B's reaches B's; then each
 * stream is read on until it has been quiet for a few keep-alives, and neither ever carries the other's parcel.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(TestFeedChannel.class)
class LiveShipmentUpdatesTest {

    /** Keep-alives come every second in tests: three of them on a stream mean it was read for about three seconds. */
    private static final int QUIET_BEATS = 3;
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Inject
    EventFeed feed;

    @Inject
    ShipmentUpdateBroadcaster broadcaster;

    @TestHTTPResource("/me/shipments/updates")
    URI updates;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aMilestoneReachesItsCustomerAndNoOneElse() throws Exception {
        CustomerFixture a = CustomerFixture.of("LIVE-A", true).publishedThrough(feed);
        CustomerFixture b = CustomerFixture.of("LIVE-B", true).publishedThrough(feed);
        int before = broadcaster.subscribers();
        LiveStream streamA = LiveStream.open(updates, PortalApi.customerToken(a.customerId()));
        LiveStream streamB = LiveStream.open(updates, PortalApi.customerToken(b.customerId()));
        await().atMost(BOUND).until(() -> broadcaster.subscribers() >= before + 2);

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        feed.publishAndAwait(Events.milestone(a.shipmentId(), a.orderId(), a.customerId(), "RETURNED_TO_SENDER", now));
        feed.publishAndAwait(Events.milestone(b.shipmentId(), b.orderId(), b.customerId(), "AVAILABLE_FOR_PICKUP", now));

        JsonPath toA = next(streamA);
        assertThat(toA.getString("trackingNumber"), equalTo(a.trackingNumber()));
        assertThat(toA.getString("orderNumber"), equalTo(a.orderNumber()));
        assertThat(toA.getString("status.code"), equalTo("RETURNING"));
        assertThat(toA.getString("occurredAt"), equalTo(now.toString()));

        JsonPath toB = next(streamB);
        assertThat(toB.getString("trackingNumber"), equalTo(b.trackingNumber()));
        assertThat(toB.getString("status.code"), equalTo("AVAILABLE_FOR_PICKUP"));

        // Not "B's first update was B's own": whatever else either stream gets while read on, never the other's.
        List<String> restOfA = streamA.drainUntilKeepAlives(QUIET_BEATS, BOUND);
        List<String> restOfB = streamB.drainUntilKeepAlives(QUIET_BEATS, BOUND);
        assertThat(restOfB, everyItem(not(containsString(a.trackingNumber()))));
        assertThat(restOfB, everyItem(not(containsString(a.orderNumber()))));
        assertThat(restOfA, everyItem(not(containsString(b.trackingNumber()))));
        assertThat(restOfA, everyItem(not(containsString(b.orderNumber()))));
    }

    @Test
    void aQuietStreamIsKeptAlive() {
        LiveStream quiet = LiveStream.open(updates, PortalApi.customerToken("CUST-QUIET-" + UUID.randomUUID()));
        await().atMost(BOUND).until(() -> quiet.keepAlives() >= 2);
        assertThat(quiet.status(), equalTo(200));
    }

    @Test
    void theStreamNeedsACustomerToken() throws Exception {
        HttpResponse<Void> anonymous = http.send(HttpRequest.newBuilder(updates).header("Accept", "text/event-stream")
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(anonymous.statusCode(), equalTo(401));
    }

    /** The next event of a stream; the bound only turns a lost event into a failure instead of a hung build. */
    private static JsonPath next(LiveStream stream) throws InterruptedException {
        String event = stream.next(BOUND);
        assertThat("an update arrived", event, notNullValue());
        assertThat(event, startsWith(ShipmentUpdateBroadcaster.EVENT_NAME + " "));
        return JsonPath.from(event.substring(event.indexOf(' ') + 1));
    }
}
