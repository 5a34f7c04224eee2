package io.waybill.order.support;

import io.waybill.order.fulfilment.northwind.NorthwindFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What northwind-3pl does with its exchange folders in tests: drop confirmation files, read what we exported. */
public final class NorthwindFolders {

    public static final String CONFIRMATIONS_HEADER =
            "event_id,release_reference,event_type,sku,quantity,tracking_number,occurred_at\n";

    private NorthwindFolders() {
    }

    /** Drops a confirmation file into the inbound folder; returns its name. */
    public static String drop(NorthwindFiles files, String content) throws IOException {
        Files.createDirectories(files.inbound());
        String name = Orders.unique("confirmations") + ".csv";
        Files.writeString(files.inbound().resolve(name), content);
        return name;
    }

    /** The content of the exported file (releases-*, cancellations-*) that mentions {@code text}. */
    public static String exportedFileMentioning(NorthwindFiles files, String text, String prefix) throws IOException {
        try (Stream<Path> exported = Files.list(files.outbound())) {
            for (Path file : exported.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.toString().endsWith(".csv")).toList()) {
                String content = Files.readString(file);
                if (content.contains(text)) {
                    return content;
                }
            }
        }
        throw new AssertionError("no exported file mentions " + text);
    }
}
