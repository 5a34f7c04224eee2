package io.waybill.localstack;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code ./run} was asked for.
 *
 * @param infraOnly start PostgreSQL, Artemis and Keycloak only, for services in Quarkus dev mode
 * @param without services to leave out (because the developer runs them in dev mode), the rest run as usual
 * @param fresh discard the data of earlier runs (databases, broker journal) and load the demo data again
 * @param help print the usage and exit
 */
record StackOptions(boolean infraOnly, Set<WaybillService> without, boolean fresh, boolean help) {

    static final String USAGE = """
            Usage: ./run [--infra-only | --without=<service>[,<service>...]] [--fresh] [--rebuild]

              (no option)   PostgreSQL, Artemis, Keycloak and every service from its packaged jar,
                            with demo data on the first run. Ctrl-C stops everything.
              --infra-only  only PostgreSQL, Artemis and Keycloak; prints the environment for running a
                            service with ./mvnw -pl <service> quarkus:dev
              --without=    everything except the named services, which you run in dev mode yourself
              --fresh       forget the data of earlier runs and start from the demo data again
              --rebuild     build first even if nothing changed since the last build
            """;

    /** Every service, or none with {@code infraOnly}: the shape a programmatic caller (a system test) wants. */
    StackOptions(boolean infraOnly, boolean fresh, boolean help) {
        this(infraOnly, Set.of(), fresh, help);
    }

    static StackOptions parse(String... args) {
        boolean infraOnly = false;
        Set<WaybillService> without = EnumSet.noneOf(WaybillService.class);
        boolean fresh = false;
        boolean help = false;
        for (String arg : args) {
            if (arg.startsWith("--without=")) {
                for (String name : arg.substring("--without=".length()).split(",")) {
                    without.add(service(name.strip()));
                }
                continue;
            }
            switch (arg) {
                case "--infra-only" -> infraOnly = true;
                case "--fresh" -> fresh = true;
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("Unknown option: " + arg);
            }
        }
        if (infraOnly && !without.isEmpty()) {
            throw new IllegalArgumentException("--infra-only already leaves every service out; drop --without");
        }
        return new StackOptions(infraOnly, Set.copyOf(without), fresh, help);
    }

    /** The services this run starts itself. */
    Set<WaybillService> servicesToRun() {
        Set<WaybillService> run = EnumSet.allOf(WaybillService.class);
        if (infraOnly) {
            run.clear();
        }
        run.removeAll(without);
        return run;
    }

    /** The services a developer is expected to run in dev mode against this stack. */
    Set<WaybillService> servicesInDevMode() {
        return infraOnly ? EnumSet.allOf(WaybillService.class) : without;
    }

    private static WaybillService service(String name) {
        return Arrays.stream(WaybillService.values())
                .filter(s -> s.serviceName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service named '" + name + "'; known: "
                        + Arrays.stream(WaybillService.values()).map(WaybillService::serviceName).collect(Collectors.joining(", "))));
    }
}
