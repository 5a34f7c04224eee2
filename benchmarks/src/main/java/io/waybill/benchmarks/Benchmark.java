package io.waybill.benchmarks;

import io.waybill.localstack.Suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code ./benchmark}: starts the whole suite on this machine, runs orders through it from intake to invoice at a
 * fixed rate or as fast as it takes them, and prints what it managed, how fast, in what time, with how much memory,
 * next to the ceilings of the same broker and database. Speed is printed, never asserted.
 */
public final class Benchmark {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final int WARM_UP_ORDERS = 8;
    private static final Duration WARM_UP_LIMIT = Duration.ofMinutes(2);
    private static final Duration IDLE_SAMPLE = Duration.ofSeconds(5);
    /** The drain ends early when nothing moved for this long: what is left is stuck, not slow. */
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final int AMQP_WINDOW = 100;

    private final BenchmarkOptions options;
    private final Path root;
    private final Path target;
    private final Instant began = Instant.now();
    private final String stamp = STAMP.format(began);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, Thread.ofPlatform()
            .daemon().name("benchmark-monitor-", 0).factory());

    private Suite suite;
    private StartTimes startTimes;

    // What the run measured, filled in as it goes.
    private final Map<String, Long> rssAfterStart = new LinkedHashMap<>();
    private final Map<String, Long> rssUnderLoadMax = new ConcurrentHashMap<>();
    private final Map<String, Duration> cpuAtLoadStart = new LinkedHashMap<>();
    private final Map<String, Duration> cpuAtEnd = new LinkedHashMap<>();
    private Duration measuredWallTime = Duration.ZERO;
    private final List<String> notes = new ArrayList<>();
    private AmqpCeiling.Result amqpSingle;
    private AmqpCeiling.Result amqpWindow;
    private PostgresCeiling.Result pgSingle;
    private PostgresCeiling.Result pgMany;
    private double idleCommitsPerSecond;
    private double loadCommitsPerSecond;
    private long runCommits;

    private Benchmark(BenchmarkOptions options, Path root) {
        this.options = options;
        this.root = root;
        this.target = root.resolve("benchmarks/target");
    }

    public static void main(String[] args) {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(BenchmarkOptions.USAGE);
            return;
        }
        try {
            new Benchmark(options, repositoryRoot()).run();
            System.exit(0);
        } catch (Exception e) {
            System.err.println();
            System.err.println("The benchmark failed: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    private void run() throws Exception {
        Path work = target.resolve("suite");
        Map<String, String> environment = Map.of(
                // The sandbox carriers' parcels move from one milestone to the next this fast (floor: 1 ms), so
                // the carrier adds no waiting of its own; their API answers at once (latency 0 is their default).
                "WAYBILL_SANDBOX_TICK", options.carrierTick().toMillis() + "ms");
        System.out.println("Waybill benchmark " + options.describe());
        System.out.println("Starting the suite (fresh data) in " + root.relativize(work) + " with " + environment + " ...");
        forgetEarlierRuns(work);
        startTimes = StartTimes.watch(work, Suite.SERVICES);
        suite = Suite.start(work, environment);
        try {
            measure();
        } finally {
            scheduler.shutdownNow();
            startTimes.close();
            suite.stop();
        }
    }

    /**
     * Every run starts from nothing but Keycloak's unpacked distribution (unpacking it again costs a minute). The
     * suite's fresh start forgets the databases and the broker journal, but not what else its services keep in the
     * work directory: the sandbox carriers' journal of parcels (sandbox-carriers/) would replay the previous run's
     * parcels as webhooks about shipments the new databases never heard of, and the file 3PL's folders would mix runs.
     */
    private static void forgetEarlierRuns(Path work) throws IOException {
        if (!Files.isDirectory(work)) {
            return;
        }
        try (var entries = Files.list(work)) {
            for (Path entry : entries.filter(e -> !e.getFileName().toString().equals("keycloak")).toList()) {
                try (var tree = Files.walk(entry)) {
                    for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    private void measure() throws Exception {
        Thread.sleep(500); // The watcher's last look.
        processes().forEach((name, handles) -> memoryKib(name, handles).ifPresent(kib -> rssAfterStart.put(name, kib)));
        Token webshop = new Token(() -> suite.clientToken("webshop"));
        Token alice = new Token(() -> suite.userToken("waybill-portal", "alice"));
        Token bob = new Token(() -> suite.userToken("waybill-portal", "bob"));

        long plannedOrders = options.maxRate()
                ? 200 * options.duration().toSeconds() + options.maxInFlight()
                : (long) Math.ceil(options.rate() * options.duration().toSeconds());
        receiveStock((plannedOrders + WARM_UP_ORDERS) * OrderPlan.MAX_QUANTITY);

        warmUp(webshop);

        PostgresCeiling postgres = new PostgresCeiling(suite);
        long idleBefore = postgres.suiteCommits();
        Thread.sleep(IDLE_SAMPLE.toMillis());
        idleCommitsPerSecond = (postgres.suiteCommits() - idleBefore) / (double) IDLE_SAMPLE.toSeconds();

        measureCeilings(postgres);

        String prefix = "BENCH-" + stamp + "-";
        OrderLoad load = new OrderLoad(http, suite.url("order-service"), webshop, prefix);
        try (Journeys journeys = new Journeys(suite, prefix)) {
            runLoad(load, journeys, postgres, alice, bob);
        }
    }

    // ------------------------------------------------------------------------------------------ preparation

    /** Stock of every SKU of the mix in both warehouses, received as each warehouse's 3PL reports goods in. */
    private void receiveStock(long unitsPerSkuAndWarehouse) throws IOException, InterruptedException {
        System.out.printf("Receiving %,d units of each SKU in each warehouse ...%n", unitsPerSkuAndWarehouse);
        Map<String, String> partnerOf = Map.of("WH-BERLIN", "acme-3pl", "WH-ROTTERDAM", "northwind-3pl");
        for (OrderPlan.Destination destination : OrderPlan.DESTINATIONS) {
            String token = suite.clientToken(partnerOf.get(destination.warehouse()));
            for (String sku : OrderPlan.SKUS) {
                String body = """
                        {"warehouseId":"%s","sku":"%s","quantity":%d,"unit":"EACH","reference":"BENCHMARK-%s"}"""
                        .formatted(destination.warehouse(), sku, unitsPerSkuAndWarehouse, stamp);
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create(suite.url("inventory-service") + "/inventory/positions/receipts"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 != 2) {
                    throw new IllegalStateException("inventory-service refused the receipt of " + sku + " in "
                            + destination.warehouse() + ": " + response.statusCode() + " " + response.body());
                }
            }
        }
    }

    /**
     * A few orders through the whole journey before anything is measured: the services' first requests load
     * classes and fill caches, and a suite that cannot invoice at all is better known before the load than after.
     */
    private void warmUp(Token webshop) throws Exception {
        String prefix = "WARMUP-" + stamp + "-";
        OrderLoad warmUp = new OrderLoad(http, suite.url("order-service"), webshop, prefix);
        System.out.printf("Warming up: %d orders to invoice ...%n", WARM_UP_ORDERS);
        for (int i = 0; i < WARM_UP_ORDERS; i++) {
            OrderLoad.Submission s = warmUp.submitOne();
            if (!s.accepted()) {
                throw new IllegalStateException("order-service refused a warm-up order: " + s.status() + " " + s.error());
            }
        }
        Instant deadline = Instant.now().plus(WARM_UP_LIMIT);
        Instant begin = Instant.now();
        try (Journeys journeys = new Journeys(suite, prefix)) {
            long invoiced = 0;
            while (Instant.now().isBefore(deadline)) {
                invoiced = journeys.invoiced(warmUp.acceptedByOrderId().keySet());
                if (invoiced == WARM_UP_ORDERS) {
                    break;
                }
                Thread.sleep(500);
            }
            if (invoiced < WARM_UP_ORDERS) {
                String note = "Warm-up: only " + invoiced + " of " + WARM_UP_ORDERS + " orders invoiced within "
                        + WARM_UP_LIMIT.toSeconds() + " s (statuses " + journeys.statusCounts() + ")";
                notes.add(note);
                System.out.println("  " + note);
            } else {
                System.out.printf("  all invoiced in %.1f s%n", Duration.between(begin, Instant.now()).toMillis() / 1000.0);
            }
        }
    }

    private void measureCeilings(PostgresCeiling postgres) throws Exception {
        Duration time = options.ceilingTime();
        Duration short_ = Duration.ofMillis(Math.min(5_000, time.toMillis() / 2));
        System.out.println("Ceiling of the broker: durable AMQP round trips through the suite's Artemis ...");
        AmqpCeiling amqp = new AmqpCeiling(suite.broker());
        amqp.prepare();
        amqpSingle = amqp.measure(1, short_);
        amqpWindow = amqp.measure(AMQP_WINDOW, time);
        System.out.printf("  %,.0f round trips/s with %d in flight, %,.0f/s one at a time%n",
                amqpWindow.roundTripsPerSecond(), AMQP_WINDOW, amqpSingle.roundTripsPerSecond());
        System.out.println("Ceiling of the database: insert-and-commit transactions on the suite's PostgreSQL ...");
        postgres.prepare();
        int connections = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
        pgSingle = postgres.measure(1, short_);
        pgMany = postgres.measure(connections, time);
        System.out.printf("  %,.0f commits/s on %d connections, %,.0f/s on one%n",
                pgMany.commitsPerSecond(), connections, pgSingle.commitsPerSecond());
    }

    // ------------------------------------------------------------------------------------------ the load

    private void runLoad(OrderLoad load, Journeys journeys, PostgresCeiling postgres, Token alice, Token bob)
            throws Exception {
        AtomicLong finished = new AtomicLong();
        AtomicReference<Map<String, Long>> lastCounts = new AtomicReference<>(Map.of());
        AtomicLong lastInvoiced = new AtomicLong();
        Instant loadStart = Instant.now();

        // Every second: where the run's orders are (the in-flight bound reads it); every 5 s a progress line.
        AtomicLong ticks = new AtomicLong();
        Runnable monitor = () -> {
            try {
                Map<String, Long> counts = journeys.statusCounts();
                long invoiced = journeys.invoiced(load.acceptedByOrderId().keySet());
                lastCounts.set(counts);
                lastInvoiced.set(invoiced);
                finished.set(invoiced + counts.getOrDefault("ON_HOLD", 0L) + counts.getOrDefault("CANCELLED", 0L));
                if (ticks.incrementAndGet() % 5 == 0) {
                    System.out.printf("  %4ds  submitted %,d  accepted %,d  invoiced %,d  | %s%n",
                            Duration.between(loadStart, Instant.now()).toSeconds(), load.submitted(), load.accepted(),
                            invoiced, counts);
                }
                sampleMemory();
            } catch (SQLException | RuntimeException e) {
                System.out.println("  (progress not readable: " + e.getMessage() + ")");
            }
        };
        var monitoring = scheduler.scheduleAtFixedRate(monitor, 1, 1, TimeUnit.SECONDS);

        PortalProbe portal = new PortalProbe(http, suite.url("portal-api"), alice, bob, options.portalRate());
        Thread portalThread = Thread.ofPlatform().name("portal-probe").start(portal);

        long commitsBefore = postgres.suiteCommits();
        processes().forEach((name, handles) -> cpuAtLoadStart.put(name, cpu(handles)));
        long measuredFrom = System.nanoTime();
        System.out.printf("Load: %s for %d s ...%n", options.maxRate()
                ? "as fast as accepted, " + options.concurrency() + " at a time"
                + (options.maxInFlight() > 0 ? ", at most " + options.maxInFlight() + " orders not yet invoiced" : "")
                : options.rate() + " orders/s", options.duration().toSeconds());
        long loadNanos = System.nanoTime();
        if (options.maxRate()) {
            load.runAsFastAsAccepted(options.concurrency(), options.duration(), options.maxInFlight(),
                    () -> load.accepted() - finished.get());
        } else {
            load.runAtFixedRate(options.rate(), options.duration());
        }
        double loadSeconds = (System.nanoTime() - loadNanos) / 1e9;
        Instant loadEnd = Instant.now();
        loadCommitsPerSecond = (postgres.suiteCommits() - commitsBefore) / loadSeconds;
        portal.stop();
        portalThread.join(Duration.ofSeconds(35));
        sampleMemory();

        // The drain: every accepted order to its invoice, or to a stop (held, cancelled), or until nothing moves.
        System.out.printf("Load done: %,d submitted, %,d accepted in %.1f s. Waiting up to %d s for the invoices ...%n",
                load.submitted(), load.accepted(), loadSeconds, options.drain().toSeconds());
        Instant drainDeadline = Instant.now().plus(options.drain());
        Instant lastChange = Instant.now();
        String lastState = "";
        while (Instant.now().isBefore(drainDeadline)) {
            Thread.sleep(1000);
            if (finished.get() >= load.accepted()) {
                break;
            }
            String state = lastCounts.get() + "/" + lastInvoiced.get();
            if (!state.equals(lastState)) {
                lastState = state;
                lastChange = Instant.now();
            } else if (Duration.between(lastChange, Instant.now()).compareTo(STALL) > 0) {
                notes.add("The drain stopped after " + STALL.toSeconds() + " s without any order moving.");
                break;
            }
        }
        monitoring.cancel(false);
        monitor.run();
        Instant drainEnd = Instant.now();
        runCommits = postgres.suiteCommits() - commitsBefore;
        processes().forEach((name, handles) -> cpuAtEnd.put(name, cpu(handles)));
        measuredWallTime = Duration.ofNanos(System.nanoTime() - measuredFrom);
        System.out.printf("Drain done after %d s: %,d of %,d invoiced.%n",
                Duration.between(loadEnd, drainEnd).toSeconds(), lastInvoiced.get(), load.accepted());

        List<Journeys.Journey> all = journeys.all();
        Map<String, List<Long>> stages = Journeys.shipmentStages(suite, loadStart);
        long[] overtaking = Journeys.webhooksThatOvertookTheirBooking(suite, loadStart);
        Map<String, long[]> events = Journeys.eventsPublished(suite, loadStart, loadEnd);
        Map<String, long[]> runEvents = Journeys.eventsPublished(suite, loadStart, drainEnd);
        Map<String, Long> holdReasons = holdReasons(all);

        String report = report(load, all, stages, overtaking, events, runEvents, holdReasons, portal, loadSeconds);
        System.out.println();
        System.out.println(report);
        Files.createDirectories(target);
        Path file = target.resolve("benchmark-" + stamp + ".md");
        Files.writeString(file, report);
        System.out.println("Written to " + root.relativize(file));
    }

    private void sampleMemory() {
        processes().forEach((name, handles) -> memoryKib(name, handles)
                .ifPresent(kib -> rssUnderLoadMax.merge(name, kib, Math::max)));
    }

    private static final String KEYCLOAK = "Keycloak";
    private static final String POSTGRES = "PostgreSQL (PSS of all its processes)";
    private static final String THIS_JVM = "benchmark JVM (Artemis, load generator)";

    /** Every process of the run, by name: the seven services, Keycloak, PostgreSQL's processes and this JVM. */
    private Map<String, List<ProcessHandle>> processes() {
        Map<String, List<ProcessHandle>> all = new LinkedHashMap<>();
        for (String service : Suite.SERVICES) {
            all.put(service, suite.process(service).stream().toList());
        }
        all.put(KEYCLOAK, ProcessMemory.keycloak().stream().toList());
        all.put(POSTGRES, ProcessMemory.postgres(target.resolve("suite/postgres")));
        all.put(THIS_JVM, List.of(ProcessHandle.current()));
        return all;
    }

    /** RSS of a process; for PostgreSQL, whose processes share their buffers, the sum of their PSS. */
    private static Optional<Long> memoryKib(String name, List<ProcessHandle> handles) {
        if (handles.isEmpty()) {
            return Optional.empty();
        }
        if (name.equals(POSTGRES)) {
            return Optional.of(handles.stream().mapToLong(p -> ProcessMemory.pssKib(p.pid()).orElse(0L)).sum());
        }
        return ProcessMemory.rssKib(handles.get(0).pid());
    }

    private static Duration cpu(List<ProcessHandle> handles) {
        return handles.stream().map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    private Map<String, Long> holdReasons(List<Journeys.Journey> journeys) {
        Map<String, Long> reasons = new TreeMap<>();
        List<String> held = journeys.stream().filter(j -> "ON_HOLD".equals(j.status())).map(Journeys.Journey::orderId).toList();
        if (held.isEmpty()) {
            return reasons;
        }
        try (var db = suite.database("order-service"); var query = db.prepareStatement(
                "SELECT status_reason, count(*) FROM customer_order WHERE order_id = ANY (?) GROUP BY status_reason")) {
            query.setArray(1, db.createArrayOf("varchar", held.toArray()));
            try (var rs = query.executeQuery()) {
                while (rs.next()) {
                    reasons.put(String.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            reasons.put("(not readable: " + e.getMessage() + ")", (long) held.size());
        }
        return reasons;
    }

    // ------------------------------------------------------------------------------------------ the figures

    private String report(OrderLoad load, List<Journeys.Journey> journeys, Map<String, List<Long>> stages,
                          long[] overtaking, Map<String, long[]> events, Map<String, long[]> runEvents,
                          Map<String, Long> holdReasons, PortalProbe portal, double loadSeconds) {
        Machine machine = Machine.current();
        Map<String, OrderLoad.Submission> submitted = load.acceptedByOrderId();
        List<OrderLoad.Submission> all = load.submissions();
        Report r = new Report();
        r.line("## Waybill benchmark, " + WHEN.format(began));
        r.line("");
        r.line("- Command: `./benchmark " + options.describe() + "`");
        r.line("- Machine: " + machine.describe());
        r.line("- Services: " + serviceRuntime() + "; PostgreSQL " + postgresVersion() + " (zonky, fsync off), Artemis 2.55 (embedded in "
                + "the benchmark's JVM, journal sync off), Keycloak 26, all on this machine");
        r.line("- Sandbox carriers: milestone tick " + options.carrierTick().toMillis() + " ms (floor 1 ms), no "
                + "latency, no errors; tracing off and plain-text logs, as `./run`");
        r.line("");

        // Throughput
        long accepted = submitted.size();
        Map<Integer, Long> refusals = all.stream().filter(s -> !s.accepted())
                .collect(Collectors.groupingBy(OrderLoad.Submission::status, TreeMap::new, Collectors.counting()));
        List<Journeys.Journey> invoiced = journeys.stream().filter(j -> j.invoiced() != null).toList();
        double sustained = Percentiles.sustainedRate(invoiced.stream().map(Journeys.Journey::invoiced).toList());
        Map<String, Long> unfinished = journeys.stream().filter(j -> j.invoiced() == null)
                .collect(Collectors.groupingBy(j -> j.status() + " (" + destinationOf(submitted, j) + ")", TreeMap::new,
                        Collectors.counting()));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("orders submitted / accepted (201)", String.format("%,d / %,d", all.size(), accepted)
                + (refusals.isEmpty() ? "" : ", refused " + refusals)));
        rows.add(List.of("intake: accepted per second of load", String.format("%.1f /s", accepted / loadSeconds)));
        if (options.maxRate() && options.maxInFlight() > 0) {
            double waited = load.waitedForBacklog().toNanos() / 1e9 / options.concurrency();
            rows.add(List.of("submitters held back by the in-flight bound", String.format("%.0f %% of the load time",
                    100 * waited / loadSeconds)));
        }
        if (!options.maxRate() && load.dropped() > 0) {
            rows.add(List.of("arrivals not sent (256 answers outstanding)", String.format("%,d", load.dropped())));
        }
        rows.add(List.of("invoiced (end to end)", String.format("%,d of %,d", invoiced.size(), accepted)));
        rows.add(List.of("**sustained orders per second, submitted → INVOICED**", Double.isNaN(sustained)
                ? "**not measurable: fewer than two orders invoiced**" : String.format("**%.2f /s**", sustained)));
        r.heading("### Throughput");
        r.table(List.of("figure", "value"), rows, new boolean[]{false, true});
        if (!unfinished.isEmpty()) {
            r.paragraph("Not invoiced when the drain ended, by status in order-service (and warehouse): "
                    + unfinished.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")) + ".");
        }
        if (!holdReasons.isEmpty()) {
            r.paragraph("On hold, by reason: " + holdReasons + ".");
        }

        // Latency along the journey
        Function<Journeys.Journey, Instant> sent = j -> Optional.ofNullable(submitted.get(j.orderId()))
                .map(OrderLoad.Submission::sentAt).orElse(null);
        List<List<String>> latency = new ArrayList<>();
        latency.add(latencyRow("POST /orders answered (client side)",
                submitted.values().stream().map(OrderLoad.Submission::latencyNanos).toList()));
        latency.add(latencyRow("submitted → INVOICED (end to end)", between(journeys, sent, Journeys.Journey::invoiced)));
        latency.add(latencyRow("intake (RECEIVED) → BOOKED", between(journeys, Journeys.Journey::received, Journeys.Journey::booked)));
        latency.add(latencyRow("BOOKED → DELIVERED (carrier, tracking)", between(journeys, Journeys.Journey::booked, Journeys.Journey::delivered)));
        latency.add(latencyRow("DELIVERED → INVOICED", between(journeys, Journeys.Journey::delivered, Journeys.Journey::invoiced)));
        r.heading("### Latency along the journey (ms)");
        r.table(List.of("from → to", "p50", "p95", "p99", "max", "orders"), latency, new boolean[]{false, true, true, true, true, true});
        r.paragraph("Timestamps: the client's send time, order-service's status history (RECEIVED, BOOKED, DELIVERED) and "
                + "billing-service's invoice (order-service keeps an invoiced order at DELIVERED). DELIVERED and the "
                + "invoice follow the same shipment-delivered event in two services, so DELIVERED → INVOICED can be "
                + "negative.");
        List<List<String>> stageRows = new ArrayList<>();
        stages.forEach((stage, nanos) -> stageRows.add(latencyRow(stage, nanos)));
        r.line("Inside shipment-service:");
        r.line("");
        r.table(List.of("stage", "p50", "p95", "p99", "max", "count"), stageRows, new boolean[]{false, true, true, true, true, true});
        r.paragraph(String.format("Carrier webhooks that arrived before their shipment was recorded and waited for a "
                + "retry (1 s, 2 s, 4 s ...): %,d of %,d.", overtaking[0], overtaking[1]));

        // Portal
        List<List<String>> portalRows = new ArrayList<>();
        portal.endpoints().forEach((name, endpoint) -> {
            List<String> row = new ArrayList<>(latencyRow(name, List.copyOf(endpoint.latencies)));
            row.add(endpoint.failures.get() == 0 ? "0" : endpoint.failures.get() + " " + endpoint.failureStatuses);
            portalRows.add(row);
        });
        r.heading("### Portal API under load (ms), alice and bob in turn, " + trim(options.portalRate()) + " requests/s");
        r.table(List.of("request", "p50", "p95", "p99", "max", "answered 200", "failed"), portalRows,
                new boolean[]{false, true, true, true, true, true, true});

        // Ceilings
        long eventsPublished = events.values().stream().mapToLong(v -> v[0]).sum();
        long deliveries = events.values().stream().mapToLong(v -> v[1]).sum();
        double eventsPerSecond = eventsPublished / loadSeconds;
        double deliveriesPerSecond = deliveries / loadSeconds;
        List<List<String>> ceilings = new ArrayList<>();
        ceilings.add(List.of(String.format("Artemis: durable 1 KiB AMQP round trips, %d in flight", amqpWindow.inFlight()),
                String.format("%,.0f /s", amqpWindow.roundTripsPerSecond()),
                String.format("%s (events published %,.0f /s, delivered to queues %,.0f /s = %s)", share(sustained, amqpWindow.roundTripsPerSecond()),
                        eventsPerSecond, deliveriesPerSecond, share(deliveriesPerSecond, amqpWindow.roundTripsPerSecond()))));
        ceilings.add(List.of("Artemis: the same, one at a time (p50 " + Percentiles.millis(amqpSingle.roundTrip().p50()) + " ms)",
                String.format("%,.0f /s", amqpSingle.roundTripsPerSecond()), share(sustained, amqpSingle.roundTripsPerSecond())));
        ceilings.add(List.of(String.format("PostgreSQL: 1 KiB insert + commit, %d connections", pgMany.connections()),
                String.format("%,.0f /s", pgMany.commitsPerSecond()),
                String.format("%s (the suite committed %,.0f transactions/s under load, %,.0f idle = %s)",
                        share(sustained, pgMany.commitsPerSecond()), loadCommitsPerSecond, idleCommitsPerSecond,
                        share(loadCommitsPerSecond, pgMany.commitsPerSecond()))));
        ceilings.add(List.of("PostgreSQL: the same, one connection (p50 " + Percentiles.millis(pgSingle.commit().p50()) + " ms)",
                String.format("%,.0f /s", pgSingle.commitsPerSecond()), share(sustained, pgSingle.commitsPerSecond())));
        r.heading("### Ceilings of the same broker and database on this machine");
        r.table(List.of("ceiling", "measured", "suite's orders/s as a share of it"), ceilings,
                new boolean[]{false, true, false});
        long runEventCount = runEvents.values().stream().mapToLong(v -> v[0]).sum();
        long runDeliveries = runEvents.values().stream().mapToLong(v -> v[1]).sum();
        r.paragraph(String.format("The suite's own use is measured while orders were submitted. Per order, from the "
                        + "start of the load to the end of the drain: %.1f events published (%.1f queue deliveries), "
                        + "%.0f database transactions (as pg_stat_database counts them: read-only ones and the pollers' "
                        + "idle rate included). Events by stream: %s.",
                runEventCount / (double) Math.max(1, accepted), runDeliveries / (double) Math.max(1, accepted),
                runCommits / (double) Math.max(1, accepted),
                runEvents.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()[0]).collect(Collectors.joining(", "))));

        // Services
        List<List<String>> services = new ArrayList<>();
        double wall = measuredWallTime.toNanos() / 1e9;
        Map<String, List<ProcessHandle>> processes = processes();
        long totalPeak = 0;
        Duration totalCpu = Duration.ZERO;
        for (Map.Entry<String, List<ProcessHandle>> entry : processes.entrySet()) {
            String name = entry.getKey();
            boolean service = Suite.SERVICES.contains(name);
            Optional<Long> peak = name.equals(POSTGRES) || entry.getValue().isEmpty() ? Optional.empty()
                    : ProcessMemory.peakRssKib(entry.getValue().get(0).pid());
            if (service) {
                totalPeak += peak.orElse(0L);
            }
            Duration cpu = cpuAtEnd.getOrDefault(name, Duration.ZERO).minus(cpuAtLoadStart.getOrDefault(name, Duration.ZERO));
            totalCpu = totalCpu.plus(cpu);
            StartTimes.Start start = startTimes.of(name);
            services.add(List.of(name,
                    !service ? "" : start.timeToReady().map(d -> String.format("%.1f s", d.toMillis() / 1000.0)).orElse("?"),
                    !service ? "" : StartTimes.quarkusStartedInSeconds(suite.logFile(name)).map(x -> String.format("%.1f s", x)).orElse("?"),
                    mib(rssAfterStart.get(name)), mib(rssUnderLoadMax.get(name)), peak.map(Benchmark::mib).orElse(""),
                    wall > 0 ? String.format("%.0f %%", 100 * cpu.toNanos() / 1e9 / wall) : "?"));
            if (name.equals(Suite.SERVICES.getLast())) {
                Map<String, Long> after = new LinkedHashMap<>(rssAfterStart);
                Map<String, Long> under = new LinkedHashMap<>(rssUnderLoadMax);
                after.keySet().retainAll(Suite.SERVICES);
                under.keySet().retainAll(Suite.SERVICES);
                Duration servicesCpu = Suite.SERVICES.stream().map(n -> cpuAtEnd.getOrDefault(n, Duration.ZERO)
                        .minus(cpuAtLoadStart.getOrDefault(n, Duration.ZERO))).reduce(Duration.ZERO, Duration::plus);
                services.add(List.of("**all seven services**", "", "", mib(sum(after)), mib(sum(under)), mib(totalPeak),
                        wall > 0 ? String.format("%.0f %%", 100 * servicesCpu.toNanos() / 1e9 / wall) : "?"));
            }
        }
        r.heading("### Services: start and resident memory");
        r.table(List.of("process", "launch → ready", "Quarkus \"started in\"", "RSS after start", "RSS under load (max)",
                "peak RSS (VmHWM)", "CPU, load and drain"), services, new boolean[]{false, true, true, true, true, true, true});
        r.paragraph(String.format("The seven services start at the same time on %d CPUs, so each start includes waiting "
                + "for the others; launch → ready runs from the JVM's launch to its first 200 on /q/health/ready. "
                + "CPU is the share of one core each process used from the start of the load to the end of the drain "
                + "(%.0f s); all of them together used %.0f %% of the machine's %d cores.", machine.cpus(), wall,
                wall > 0 ? 100 * totalCpu.toNanos() / 1e9 / wall / machine.cpus() : 0, machine.cpus()));
        if (!notes.isEmpty()) {
            r.heading("### Notes");
            notes.forEach(n -> r.line("- " + n));
        }
        return r.toString();
    }

    private String serviceRuntime() {
        return suite.process("order-service").map(p -> {
            String java = p.info().command().orElse("java");
            String flags = p.info().arguments().map(a -> Arrays.stream(a).filter(x -> x.startsWith("-X"))
                    .collect(Collectors.joining(" "))).orElse("");
            return "JVM `" + java + "` with `" + flags + "` each";
        }).orElse("?");
    }

    private String postgresVersion() {
        try (var db = suite.database("order-service"); var statement = db.createStatement();
             var rs = statement.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "?";
        }
    }

    private static String destinationOf(Map<String, OrderLoad.Submission> submitted, Journeys.Journey j) {
        OrderLoad.Submission s = submitted.get(j.orderId());
        return s == null ? "?" : s.plan().destination().warehouse();
    }

    private static List<Long> between(List<Journeys.Journey> journeys, Function<Journeys.Journey, Instant> from,
                                      Function<Journeys.Journey, Instant> to) {
        return journeys.stream().filter(j -> from.apply(j) != null && to.apply(j) != null)
                .map(j -> Duration.between(from.apply(j), to.apply(j)).toNanos()).toList();
    }

    private static List<String> latencyRow(String name, List<Long> nanos) {
        Percentiles p = Percentiles.of(nanos);
        if (p.count() == 0) {
            return List.of(name, "-", "-", "-", "-", "0");
        }
        return List.of(name, Percentiles.millis(p.p50()), Percentiles.millis(p.p95()), Percentiles.millis(p.p99()),
                Percentiles.millis(p.max()), String.format("%,d", p.count()));
    }

    private static String share(double part, double whole) {
        if (Double.isNaN(part) || whole <= 0) {
            return "-";
        }
        double percent = 100 * part / whole;
        return percent >= 10 ? String.format("%.0f %%", percent) : percent >= 0.1 ? String.format("%.1f %%", percent)
                : String.format("%.2f %%", percent);
    }

    private static String mib(Long kib) {
        return kib == null ? "?" : String.format("%,d MiB", Math.round(kib / 1024.0));
    }

    private static long sum(Map<String, Long> kib) {
        return kib.values().stream().filter(Objects::nonNull).mapToLong(Long::longValue).sum();
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Run ./benchmark from inside the Waybill repository");
        }
        return dir;
    }
}
