package io.waybill.shipment.tracking;

import io.waybill.model.shipment.Milestone;
import io.waybill.shipment.carrier.CarrierRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-carrier tables from the carrier's status vocabulary to {@link Milestone}s. They are data, not code: the
 * built-in tables are {@code carriers/<adapter>.properties} (shared by every carrier speaking that API) and
 * {@code carriers/<carrierId>.properties} on the classpath; files of the same names in
 * {@code waybill.tracking.mapping-dir} extend or override them without a release. They are read at startup and again
 * on {@link #reload()} ({@code POST /tracking/mappings/reload}), never in between.
 * <p>
 * Keys are matched case-insensitively and are, most specific first:
 * <ul>
 *     <li>{@code <status>.<detail>}: that status with that status detail;</li>
 *     <li>{@code *.<detail>}: a status detail that says more than any status it comes with (lost, refused...); it
 *     never weakens a status that is terminal on its own (a delivered scan stays delivered whatever its detail);</li>
 *     <li>{@code <status>}.</li>
 * </ul>
 * An empty value marks a detail as known and deliberately left to the status ("status decides"), so a table can
 * account for a carrier's whole documented vocabulary. A status in no table maps to nothing: the caller keeps and
 * flags the event.
 */
@ApplicationScoped
@Startup
public class StatusMappingTables {

    private static final Logger LOG = Logger.getLogger(StatusMappingTables.class);
    private static final String ANY_STATUS = "*.";

    /** One carrier's effective table: keys to milestones, and keys known to leave the decision to the status. */
    private record Table(Map<String, Milestone> milestones, Set<String> statusDecides) {
    }

    /** What a reload found wrong in the files; nothing is applied while there is any. */
    public static final class InvalidMappingException extends RuntimeException {
        private final List<String> problems;

        InvalidMappingException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private final CarrierRegistry carriers;
    private final Optional<Path> externalDir;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();

    public StatusMappingTables(CarrierRegistry carriers,
                               @ConfigProperty(name = "waybill.tracking.mapping-dir") Optional<String> externalDir) {
        this.carriers = carriers;
        this.externalDir = externalDir.filter(dir -> !dir.isBlank()).map(Path::of);
        // Read once at startup and then only on reload(), so what is in effect never depends on when a carrier's
        // first event happened to arrive relative to an edit of the files.
        carriers.carrierIds().forEach(this::loaded);
    }

    public Optional<Milestone> normalize(String carrierId, String status, String detail) {
        if (status == null) {
            return Optional.empty();
        }
        Map<String, Milestone> table = loaded(carrierId).milestones();
        String key = status.trim().toLowerCase(Locale.ROOT);
        Milestone byStatus = table.get(key);
        if (detail != null && !detail.isBlank()) {
            String d = detail.trim().toLowerCase(Locale.ROOT);
            Milestone refined = table.get(key + "." + d);
            if (refined != null) {
                return Optional.of(refined);
            }
            Milestone anyStatus = table.get(ANY_STATUS + d);
            if (anyStatus != null && (byStatus == null || !byStatus.isTerminal())) {
                return Optional.of(anyStatus);
            }
        }
        return Optional.ofNullable(byStatus);
    }

    /** The effective table of a carrier (lower-case keys). */
    public Map<String, Milestone> table(String carrierId) {
        return loaded(carrierId).milestones();
    }

    /** Whether the carrier's table has the key at all: mapped to a milestone, or marked "status decides". */
    public boolean knows(String carrierId, String key) {
        Table table = loaded(carrierId);
        String k = key.toLowerCase(Locale.ROOT);
        return table.milestones().containsKey(k) || table.statusDecides().contains(k);
    }

    /**
     * Reads every configured carrier's tables again, from the classpath and {@code mapping-dir}. All or nothing: if
     * any file has an entry that is not a milestone, or cannot be read, the tables in use stay as they were and
     * the problems are thrown.
     */
    public synchronized List<String> reload() {
        List<String> problems = new ArrayList<>();
        Map<String, Table> fresh = new LinkedHashMap<>();
        for (String carrierId : carriers.carrierIds()) {
            fresh.put(carrierId, load(carrierId, problems));
        }
        if (!problems.isEmpty()) {
            throw new InvalidMappingException(problems);
        }
        tables.clear();
        tables.putAll(fresh);
        LOG.infof("Carrier status mapping tables reloaded for %s", fresh.keySet());
        return List.copyOf(fresh.keySet());
    }

    private Table loaded(String carrierId) {
        return tables.computeIfAbsent(carrierId, id -> {
            List<String> problems = new ArrayList<>();
            Table table = load(id, problems);
            // A typo in a table must not take the service down, nor silently map to something else.
            problems.forEach(problem -> LOG.errorf("%s; entry ignored", problem));
            return table;
        });
    }

    private Table load(String carrierId, List<String> problems) {
        Map<String, Milestone> milestones = new LinkedHashMap<>();
        Set<String> statusDecides = new LinkedHashSet<>();
        String adapter = carriers.adapterType(carrierId);
        for (String name : adapter == null || adapter.equals(carrierId)
                ? new String[]{carrierId} : new String[]{adapter, carrierId}) {
            readClasspath("carriers/" + name + ".properties", milestones, statusDecides, problems);
            externalDir.map(dir -> dir.resolve(name + ".properties")).filter(Files::isRegularFile)
                    .ifPresent(file -> readFile(file, milestones, statusDecides, problems));
        }
        if (milestones.isEmpty()) {
            LOG.warnf("No status mapping table for carrier %s: all its events will be flagged as unmapped", carrierId);
        }
        return new Table(Collections.unmodifiableMap(milestones), Collections.unmodifiableSet(statusDecides));
    }

    private static void readClasspath(String resource, Map<String, Milestone> milestones, Set<String> statusDecides,
                                      List<String> problems) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                merge(resource, new java.io.InputStreamReader(in, StandardCharsets.UTF_8), milestones, statusDecides,
                        problems);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readFile(Path file, Map<String, Milestone> milestones, Set<String> statusDecides,
                                 List<String> problems) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            merge(file.toString(), reader, milestones, statusDecides, problems);
        } catch (IOException | UncheckedIOException e) {
            problems.add(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static void merge(String source, Reader reader, Map<String, Milestone> milestones,
                              Set<String> statusDecides, List<String> problems) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        for (String rawKey : properties.stringPropertyNames()) {
            String key = rawKey.trim().toLowerCase(Locale.ROOT);
            String value = properties.getProperty(rawKey).trim();
            if (value.isEmpty()) {
                milestones.remove(key);
                statusDecides.add(key);
                continue;
            }
            try {
                milestones.put(key, Milestone.valueOf(value));
                statusDecides.remove(key);
            } catch (IllegalArgumentException e) {
                problems.add(source + ": '" + rawKey + "' maps to '" + value + "', which is not a milestone");
            }
        }
    }
}
