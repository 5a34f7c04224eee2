package io.waybill.shipment.tracking;

import io.waybill.model.shipment.Milestone;
import io.waybill.shipment.carrier.CarrierRegistry;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-carrier tables from the carrier's status vocabulary to {@link Milestone}s. They are data, not code: the
 * built-in tables are {@code carriers/<adapter>.properties} (shared by every carrier speaking that API) and
 * {@code carriers/<carrierId>.properties} on the classpath; files of the same names in
 * {@code waybill.tracking.mapping-dir} extend or override them without a release.
 * <p>
 * A key is a status, or {@code <status>.<detail>} where the carrier's status detail refines the milestone; keys are
 * matched case-insensitively. A status in no table maps to nothing: the caller keeps and flags the event.
 */
@ApplicationScoped
public class StatusMappingTables {

    private static final Logger LOG = Logger.getLogger(StatusMappingTables.class);

    private final CarrierRegistry carriers;
    private final Optional<Path> externalDir;
    private final Map<String, Map<String, Milestone>> tables = new ConcurrentHashMap<>();

    public StatusMappingTables(CarrierRegistry carriers,
                               @ConfigProperty(name = "waybill.tracking.mapping-dir") Optional<String> externalDir) {
        this.carriers = carriers;
        this.externalDir = externalDir.filter(dir -> !dir.isBlank()).map(Path::of);
    }

    public Optional<Milestone> normalize(String carrierId, String status, String detail) {
        if (status == null) {
            return Optional.empty();
        }
        Map<String, Milestone> table = table(carrierId);
        String key = status.trim().toLowerCase(Locale.ROOT);
        if (detail != null && !detail.isBlank()) {
            Milestone refined = table.get(key + "." + detail.trim().toLowerCase(Locale.ROOT));
            if (refined != null) {
                return Optional.of(refined);
            }
        }
        return Optional.ofNullable(table.get(key));
    }

    /** The effective table of a carrier (lower-case keys). */
    public Map<String, Milestone> table(String carrierId) {
        return tables.computeIfAbsent(carrierId, this::load);
    }

    private Map<String, Milestone> load(String carrierId) {
        Map<String, Milestone> table = new LinkedHashMap<>();
        String adapter = carriers.adapterType(carrierId);
        for (String name : adapter == null || adapter.equals(carrierId)
                ? new String[]{carrierId} : new String[]{adapter, carrierId}) {
            readClasspath("carriers/" + name + ".properties", table);
            externalDir.map(dir -> dir.resolve(name + ".properties")).filter(Files::isRegularFile)
                    .ifPresent(file -> readFile(file, table));
        }
        if (table.isEmpty()) {
            LOG.warnf("No status mapping table for carrier %s: all its events will be flagged as unmapped", carrierId);
        }
        return Collections.unmodifiableMap(table);
    }

    private static void readClasspath(String resource, Map<String, Milestone> table) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                merge(resource, new java.io.InputStreamReader(in, StandardCharsets.UTF_8), table);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readFile(Path file, Map<String, Milestone> table) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            merge(file.toString(), reader, table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void merge(String source, Reader reader, Map<String, Milestone> table) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).trim();
            try {
                table.put(key.trim().toLowerCase(Locale.ROOT), Milestone.valueOf(value));
            } catch (IllegalArgumentException e) {
                // A typo in a table must not take the service down, nor silently map to something else.
                LOG.errorf("%s: '%s' maps to '%s', which is not a milestone; entry ignored", source, key, value);
            }
        }
    }
}
