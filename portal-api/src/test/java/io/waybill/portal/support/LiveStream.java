package io.waybill.portal.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * One customer's open {@code /me/shipments/updates} stream: each event's data as it arrives ("name data"), and its
 * keep-alive comments counted, so a test can read "everything this stream got until it was quiet for a while".
 */
public final class LiveStream {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final AtomicInteger keepAlives = new AtomicInteger();
    private final AtomicInteger status = new AtomicInteger();

    private LiveStream() {
    }

    public static LiveStream open(URI updates, String token) {
        LiveStream stream = new LiveStream();
        HttpRequest.Builder request = HttpRequest.newBuilder(updates).header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            stream.status.set(response.statusCode());
            // SSE lines: "event:" names the next data, ":" lines are keep-alive comments.
            String[] event = {null};
            try (Stream<String> lines = response.body()) {
                lines.forEach(line -> {
                    if (line.startsWith(":")) {
                        stream.keepAlives.incrementAndGet();
                    } else if (line.startsWith("event:")) {
                        event[0] = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        stream.events.add(event[0] + " " + line.substring(5).trim());
                    }
                });
            }
        });
        return stream;
    }

    /** The HTTP status, once the response started (0 before). */
    public int status() {
        return status.get();
    }

    public int keepAlives() {
        return keepAlives.get();
    }

    /** The next event, or null when none came within the bound. */
    public String next(Duration bound) throws InterruptedException {
        return events.poll(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Everything the stream delivers from now until it has sent {@code quietBeats} more keep-alives (the server
     * sends them on a timer, so they mark time passing on this very connection), then what arrived.
     */
    public List<String> drainUntilKeepAlives(int quietBeats, Duration bound) {
        int target = keepAlives.get() + quietBeats;
        await().atMost(bound).until(() -> keepAlives.get() >= target);
        List<String> drained = new java.util.ArrayList<>();
        events.drainTo(drained);
        return drained;
    }
}
