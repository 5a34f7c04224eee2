package io.waybill.portal.wording;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One mapping table (a CSV under {@code wording/}): internal value -> customer code -> customer wording. The
 * {@code *} row answers for internal values the table does not know, so a status another service introduces
 * tomorrow shows in neutral words instead of leaking raw.
 */
final class WordingTable {

    private final Map<String, CustomerStatus> byInternal;
    private final CustomerStatus fallback;

    private WordingTable(Map<String, CustomerStatus> byInternal, CustomerStatus fallback) {
        this.byInternal = byInternal;
        this.fallback = fallback;
    }

    static WordingTable load(String resource) {
        InputStream in = WordingTable.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Wording table missing from the classpath: " + resource);
        }
        Map<String, CustomerStatus> rows = new HashMap<>();
        CustomerStatus fallback = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean header = true;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] cells = line.split(",", 3);
                if (cells.length != 3) {
                    throw new IllegalStateException(resource + ": expected 3 columns in '" + line + "'");
                }
                CustomerStatus status = new CustomerStatus(cells[1].trim(), cells[2].trim());
                if ("*".equals(cells[0].trim())) {
                    fallback = status;
                } else {
                    rows.put(cells[0].trim().toUpperCase(Locale.ROOT), status);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (fallback == null) {
            throw new IllegalStateException(resource + " has no '*' row for unknown values");
        }
        return new WordingTable(Map.copyOf(rows), fallback);
    }

    CustomerStatus of(String internal) {
        return internal == null ? fallback : byInternal.getOrDefault(internal.toUpperCase(Locale.ROOT), fallback);
    }

    /** Every internal value shown to customers under the given code (the {@code *} row is not among them). */
    Set<String> internalValuesFor(String customerCode) {
        Set<String> values = new LinkedHashSet<>();
        byInternal.forEach((internal, status) -> {
            if (status.code().equalsIgnoreCase(customerCode)) {
                values.add(internal);
            }
        });
        return values;
    }

    boolean isFallbackCode(String customerCode) {
        return fallback.code().equalsIgnoreCase(customerCode);
    }

    Set<String> knownInternalValues() {
        return byInternal.keySet();
    }

    Set<String> customerCodes() {
        Set<String> codes = new LinkedHashSet<>();
        byInternal.values().forEach(s -> codes.add(s.code()));
        codes.add(fallback.code());
        return codes;
    }
}
