package io.waybill.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Submits orders to order-service as the webshop channel does ({@code POST /orders}, client-credentials token,
 * Idempotency-Key), either at a fixed rate whatever the suite's state (open loop: a slow answer does not slow the
 * submissions down) or as fast as the suite takes them with a bounded number of submissions under way.
 */
final class OrderLoad {

    /** One submission: what was sent, when, and what came back. */
    record Submission(long sequence, String reference, OrderPlan plan, Instant sentAt, long latencyNanos, int status,
                      String orderId, String error) {
        boolean accepted() {
            return status == 201 && orderId != null;
        }
    }

    /** Open loop: at most this many submissions wait for an answer at once; beyond it, arrivals are dropped. */
    private static final int FIXED_RATE_OUTSTANDING = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String ordersUrl;
    private final Supplier<String> token;
    private final String referencePrefix;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentLinkedQueue<Submission> submissions = new ConcurrentLinkedQueue<>();
    private final Map<String, Submission> byOrderId = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong waitedForBacklogNanos = new AtomicLong();

    OrderLoad(HttpClient http, String orderServiceUrl, Supplier<String> token, String referencePrefix) {
        this.http = http;
        this.ordersUrl = orderServiceUrl + "/orders";
        this.token = token;
        this.referencePrefix = referencePrefix;
    }

    /** Submits one order now and waits for the answer. */
    Submission submitOne() {
        long seq = sequence.getAndIncrement();
        OrderPlan plan = OrderPlan.of(seq);
        String reference = referencePrefix + seq;
        HttpRequest request = HttpRequest.newBuilder(URI.create(ordersUrl))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token.get())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", reference)
                .POST(HttpRequest.BodyPublishers.ofString(plan.submission(reference)))
                .build();
        Instant sentAt = Instant.now();
        long start = System.nanoTime();
        Submission submission;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long latency = System.nanoTime() - start;
            String orderId = null;
            String error = null;
            if (response.statusCode() == 201) {
                orderId = JSON.readTree(response.body()).path("orderId").asText(null);
            } else {
                error = response.body().length() > 300 ? response.body().substring(0, 300) : response.body();
            }
            submission = new Submission(seq, reference, plan, sentAt, latency, response.statusCode(), orderId, error);
        } catch (IOException e) {
            submission = new Submission(seq, reference, plan, sentAt, System.nanoTime() - start, 0, null,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            submission = new Submission(seq, reference, plan, sentAt, System.nanoTime() - start, 0, null, "interrupted");
        }
        submissions.add(submission);
        if (submission.accepted()) {
            byOrderId.put(submission.orderId(), submission);
            accepted.incrementAndGet();
        }
        return submission;
    }

    /** {@code rate} submissions per second for {@code duration}, each at its own planned moment. */
    void runAtFixedRate(double rate, Duration duration) throws InterruptedException {
        Semaphore outstanding = new Semaphore(FIXED_RATE_OUTSTANDING);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; ; i++) {
                long due = start + (long) (i * 1e9 / rate);
                if (due >= end) {
                    break;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                if (!outstanding.tryAcquire()) {
                    dropped.incrementAndGet();
                    continue;
                }
                senders.submit(() -> {
                    try {
                        submitOne();
                    } finally {
                        outstanding.release();
                    }
                });
            }
        }
    }

    /**
     * As fast as the suite answers, {@code concurrency} submissions at a time, for {@code duration}; while
     * {@code backlog} (accepted orders not yet finished) is at {@code maxInFlight} or more, the submitters wait.
     */
    void runAsFastAsAccepted(int concurrency, Duration duration, int maxInFlight, LongSupplier backlog)
            throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency; i++) {
                senders.submit(() -> {
                    while (System.nanoTime() < end) {
                        if (maxInFlight > 0 && backlog.getAsLong() >= maxInFlight) {
                            long before = System.nanoTime();
                            try {
                                Thread.sleep(20);
                            } catch (InterruptedException e) {
                                return;
                            }
                            waitedForBacklogNanos.addAndGet(System.nanoTime() - before);
                            continue;
                        }
                        submitOne();
                    }
                });
            }
        }
    }

    List<Submission> submissions() {
        return List.copyOf(submissions);
    }

    Map<String, Submission> acceptedByOrderId() {
        return Map.copyOf(byOrderId);
    }

    long accepted() {
        return accepted.get();
    }

    long submitted() {
        return submissions.size();
    }

    /** Fixed rate only: arrivals not sent because {@value #FIXED_RATE_OUTSTANDING} were still waiting for answers. */
    long dropped() {
        return dropped.get();
    }

    /** Max rate only: time the submitters spent waiting for the backlog to shrink, summed over the submitters. */
    Duration waitedForBacklog() {
        return Duration.ofNanos(waitedForBacklogNanos.get());
    }
}
