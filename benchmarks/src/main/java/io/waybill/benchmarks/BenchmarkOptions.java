package io.waybill.benchmarks;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ./benchmark} was asked for.
 *
 * @param rate           orders per second offered at a fixed rate (open loop), or {@code null} for as fast as the
 *                       suite takes them ({@code --rate=max})
 * @param duration       how long orders are submitted
 * @param concurrency    with {@code --rate=max}: how many submissions are under way at once
 * @param maxInFlight    with {@code --rate=max}: submitters wait while this many accepted orders are not yet invoiced
 *                       (0: never wait), so the backlog, and the drain after the load, stay bounded
 * @param drain          how long to wait after the load for the orders to be invoiced
 * @param portalRate     portal requests per second sampled during the load
 * @param ceilingTime    how long each ceiling (broker, database) is measured
 * @param carrierTick    time between two milestones of a sandbox parcel (the carrier's "latency")
 * @param help           print the usage and exit
 */
public record BenchmarkOptions(Double rate, Duration duration, int concurrency, int maxInFlight, Duration drain,
                               double portalRate, Duration ceilingTime, Duration carrierTick, boolean help) {

    static final String USAGE = """
            Usage: ./benchmark [--rate=max|N] [--duration=60s] [options]

              --rate=max        submit as fast as the suite accepts orders (default), with bounded concurrency
              --rate=N          submit N orders per second (decimals allowed), whatever the suite's state
              --duration=60s    how long to submit orders (s, m, ms; a bare number is seconds)
              --concurrency=8   with --rate=max: submissions under way at once
              --max-in-flight=300
                                with --rate=max: wait while this many accepted orders are not yet invoiced
                                (0: never wait; the backlog then grows as fast as intake outruns delivery)
              --drain=3m        after the load, wait at most this long for every order to be invoiced
              --portal-rate=5   portal API requests per second (alice and bob) sampled during the load
              --ceiling-time=10s
                                how long each ceiling (Artemis round trips, PostgreSQL commits) is measured
              --carrier-tick=0s time between two milestones of a sandbox parcel; 0 = as fast as it goes (1 ms)

            Starts the whole suite from the packaged jars (fixed ports: nothing else may run it meanwhile), runs
            orders through it to delivery and invoice, prints the figures and writes them to
            benchmarks/target/benchmark-<timestamp>.md.
            """;

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    public static BenchmarkOptions defaults() {
        return new BenchmarkOptions(null, Duration.ofSeconds(60), 8, 300, Duration.ofMinutes(3), 5,
                Duration.ofSeconds(10), Duration.ZERO, false);
    }

    public static BenchmarkOptions parse(String... args) {
        BenchmarkOptions o = defaults();
        Double rate = o.rate;
        Duration duration = o.duration;
        int concurrency = o.concurrency;
        int maxInFlight = o.maxInFlight;
        Duration drain = o.drain;
        double portalRate = o.portalRate;
        Duration ceilingTime = o.ceilingTime;
        Duration carrierTick = o.carrierTick;
        boolean help = false;
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
                continue;
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("Unknown argument: " + arg + " (options look like --name=value)");
            }
            String name = arg.substring(2, eq);
            String value = arg.substring(eq + 1).strip();
            switch (name) {
                case "rate" -> rate = value.equalsIgnoreCase("max") ? null : positive(name, number(name, value));
                case "duration" -> duration = positive(name, duration(name, value));
                case "concurrency" -> concurrency = (int) positive(name, whole(name, value));
                case "max-in-flight" -> maxInFlight = (int) notNegative(name, whole(name, value));
                case "drain" -> drain = duration(name, value);
                case "portal-rate" -> portalRate = notNegative(name, number(name, value));
                case "ceiling-time" -> ceilingTime = positive(name, duration(name, value));
                case "carrier-tick" -> carrierTick = duration(name, value);
                default -> throw new IllegalArgumentException("Unknown option: --" + name);
            }
        }
        return new BenchmarkOptions(rate, duration, concurrency, maxInFlight, drain, portalRate, ceilingTime,
                carrierTick, help);
    }

    /** {@code 60s}, {@code 2m}, {@code 500ms}, {@code 1.5m}, {@code 1h}; a bare number is seconds. */
    static Duration duration(String option, String value) {
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("--" + option + " takes a duration such as 60s, 2m or 500ms, not '"
                    + value + "'");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    public boolean maxRate() {
        return rate == null;
    }

    /** The options as a command line, for the report. */
    public String describe() {
        return "--rate=" + (maxRate() ? "max" : trim(rate)) + " --duration=" + seconds(duration)
                + (maxRate() ? " --concurrency=" + concurrency + " --max-in-flight=" + maxInFlight : "")
                + " --drain=" + seconds(drain) + " --portal-rate=" + trim(portalRate)
                + " --ceiling-time=" + seconds(ceilingTime) + " --carrier-tick=" + seconds(carrierTick);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static double number(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " takes a number, not '" + value + "'");
        }
    }

    private static long whole(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " takes a whole number, not '" + value + "'");
        }
    }

    private static double positive(String option, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException("--" + option + " must be more than 0");
        }
        return value;
    }

    private static long positive(String option, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("--" + option + " must be more than 0");
        }
        return value;
    }

    private static double notNegative(String option, double value) {
        if (value < 0) {
            throw new IllegalArgumentException("--" + option + " must not be negative");
        }
        return value;
    }

    private static long notNegative(String option, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("--" + option + " must not be negative");
        }
        return value;
    }

    private static Duration positive(String option, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("--" + option + " must be longer than 0");
        }
        return value;
    }
}
