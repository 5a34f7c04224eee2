package io.waybill.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.waybill.k8s.Chart.Values;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every variable a service's application.properties reads without a default ({@code ${NAME}}, as its %prod
 * profile does for what differs per deployment) is set by the chart, from its ConfigMap or a Secret: a missing one
 * stops the service at start in the cluster, which no other test would notice.
 */
class EverySettingAServiceRequiresIsRenderedTest {

    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    @ParameterizedTest
    @EnumSource(Values.class)
    void eachServiceGetsEveryVariableItCannotStartWithout(Values values) throws IOException {
        List<String> missing = new ArrayList<>();
        for (Deployment deployment : RenderedObjects.of(values, Deployment.class)) {
            String service = deployment.getMetadata().getName().replaceFirst("^waybill-", "");
            Path properties = Path.of("..", service, "src", "main", "resources", "application.properties");
            Set<String> provided = new TreeSet<>(RenderedObjects.named(values, ConfigMap.class,
                    deployment.getMetadata().getName()).getData().keySet());
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                container.getEnv().stream().map(EnvVar::getName).forEach(provided::add);
            }
            Matcher required = REQUIRED.matcher(Files.readString(properties));
            while (required.find()) {
                if (!provided.contains(required.group(1))) {
                    missing.add(service + ": " + required.group(1));
                }
            }
        }
        assertEquals(List.of(), missing, "read by the services, set by nobody (" + values + ")");
    }
}
