package io.waybill.order.routing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads the routing rules once at start: from {@code waybill.routing.rules-path} when set (operators change routing
 * by editing that file and restarting, no build), else the defaults in {@code routing/routing-rules.yaml}. A broken
 * file stops the service from starting rather than misrouting orders.
 */
@ApplicationScoped
public class RoutingRulesLoader {

    private static final Logger LOG = Logger.getLogger(RoutingRulesLoader.class);
    private static final String DEFAULT_RESOURCE = "routing/routing-rules.yaml";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @ConfigProperty(name = "waybill.routing.rules-path")
    Optional<Path> rulesPath;

    @Produces
    @Singleton
    RoutingRules rules() {
        try {
            if (rulesPath.isPresent()) {
                LOG.infof("Routing rules from %s", rulesPath.get());
                try (InputStream in = Files.newInputStream(rulesPath.get())) {
                    return parse(in);
                }
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath");
                }
                return parse(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Routing rules cannot be read", e);
        }
    }

    public RoutingRules parse(InputStream in) throws IOException {
        return yaml.readValue(in, RoutingRules.class).validated();
    }
}
