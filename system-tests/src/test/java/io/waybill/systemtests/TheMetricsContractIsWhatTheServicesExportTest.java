package io.waybill.systemtests;

import io.waybill.events.EventStream;
import io.waybill.localstack.Suite;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Helm chart's dashboards and alert rules query only the metrics listed in k8s/README.md's metrics contract
 * (k8s' MonitoringTest proves that). This test closes the loop against the running suite: every metric the contract
 * says a service exposes is on that service's {@code /q/metrics}, with the labels the contract promises, from the
 * first request on (counters at zero, every carrier's breaker closed); a dashboard panel or alert built on the
 * contract never queries a series that does not exist.
 */
class TheMetricsContractIsWhatTheServicesExportTest {

    /** A table row: metric, type, labels, meaning, exposed by (cells may be empty). */
    private static final Pattern ROW = Pattern.compile(
            "^\\| `([a-z_:][a-z0-9_:]*)` \\|([^|]*)\\|([^|]*)\\|[^|]*\\|([^|]*)\\|$", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("`([a-z_]+)`");

    private record Promise(String metric, String type, Set<String> labels, List<String> services) {
    }

    private final Suite suite = Suite.shared();

    @TestFactory
    Stream<DynamicTest> everyContractedMetricIsExportedWithItsLabels() throws IOException {
        List<Promise> promises = contract();
        assertTrue(promises.size() >= 12, "the metrics contract in k8s/README.md was not read: " + promises);
        // HTTP timings exist once a service has answered an application request (not just its probes).
        String operator = suite.userToken("waybill-ops", "ops");
        Suite.SERVICES.forEach(service -> given().auth().oauth2(operator)
                .get(suite.url(service) + "/admin/dead-letters").then().statusCode(200));
        return promises.stream().flatMap(promise -> promise.services().stream().map(service ->
                DynamicTest.dynamicTest(promise.metric() + " on " + service, () -> {
                    String scrape = given().get(suite.url(service) + "/q/metrics").then().statusCode(200)
                            .extract().asString();
                    List<String> series = series(scrape, promise);
                    assertFalse(series.isEmpty(), service + " exports no " + promise.metric());
                    for (String label : promise.labels()) {
                        assertTrue(series.stream().anyMatch(line -> line.contains(label + "=\"")),
                                service + ": " + promise.metric() + " has no '" + label + "' label: " + series);
                    }
                })));
    }

    /** The sample lines of the metric; a histogram is there when its buckets are. */
    private static List<String> series(String scrape, Promise promise) {
        String name = "histogram".equals(promise.type()) ? promise.metric() + "_bucket" : promise.metric();
        return scrape.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " ")).toList();
    }

    private static List<Promise> contract() throws IOException {
        String readme = Files.readString(Repository.root().resolve("k8s/README.md"));
        String table = readme.substring(readme.indexOf("<!-- metrics-contract:start -->"),
                readme.indexOf("<!-- metrics-contract:end -->"));
        List<Promise> promises = new ArrayList<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            List<String> services = exposedBy(row.group(4).strip());
            if (services.isEmpty()) {
                continue; // the broker's and Prometheus' own series: not a service's to export
            }
            Set<String> labels = new HashSet<>();
            Matcher label = LABEL.matcher(row.group(3));
            while (label.find()) {
                labels.add(label.group(1));
            }
            promises.add(new Promise(row.group(1), row.group(2).strip(), labels, services));
        }
        return promises;
    }

    private static List<String> exposedBy(String column) {
        return switch (column) {
            case "every service" -> Suite.SERVICES;
            // Every service runs an outbox relay (readiness checks it), so every service can publish.
            case "every publishing service" -> Suite.SERVICES;
            case "every consuming service" -> Arrays.stream(EventStream.values())
                    .flatMap(stream -> stream.consumers().stream()).distinct().sorted().toList();
            default -> Arrays.stream(column.split(","))
                    .map(String::strip)
                    .filter(Suite.SERVICES::contains)
                    .collect(Collectors.toList());
        };
    }
}
