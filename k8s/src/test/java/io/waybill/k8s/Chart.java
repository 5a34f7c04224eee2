package io.waybill.k8s;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The Waybill chart as the real Helm sees it: linted and rendered by Helm itself (helm-java ships the Helm library),
 * with the rendered manifest split into one JSON tree per document.
 */
final class Chart {

    static final Path DIRECTORY = Path.of(System.getProperty("waybill.chart.dir", "waybill")).toAbsolutePath();
    static final String RELEASE = "waybill";
    static final String NAMESPACE = "waybill";
    /** Helm's own default for `template` is v1.20, older than the chart supports. */
    static final String KUBE_VERSION = "v1.33.0";

    /** The two values sets the issue asks for, plus the JVM flavor: each is rendered once per test JVM. */
    enum Values {
        DEFAULT(), PRODUCTION("values-production.yaml"), JVM_FLAVOR(Map.of("image.flavor", "jvm"));

        final List<String> files;
        final Map<String, String> sets;

        Values(String... files) {
            this.files = List.of(files);
            this.sets = Map.of();
        }

        Values(Map<String, String> sets) {
            this.files = List.of();
            this.sets = sets;
        }
    }

    private static final Map<Values, Rendered> CACHE = new ConcurrentHashMap<>();

    /** YAML as Kubernetes reads it: a duplicated key is an error (the API server's strict decoding rejects it). */
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .build();

    private Chart() {
    }

    static Rendered rendered(Values values) {
        return CACHE.computeIfAbsent(values, v -> render(DIRECTORY, v.files, v.sets));
    }

    static Rendered render(Path chartDirectory, List<String> valuesFiles, Map<String, String> sets) {
        TemplateCommand template = new Helm(chartDirectory).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (String file : valuesFiles) {
            template = template.withValuesFile(chartDirectory.resolve(file));
        }
        for (Map.Entry<String, String> set : new LinkedHashMap<>(sets).entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return new Rendered(parse(template.call()));
    }

    static LintResult lintStrict(Path chartDirectory) {
        return new Helm(chartDirectory).lint().strict().call();
    }

    static List<JsonNode> parse(String manifest) {
        List<JsonNode> documents = new ArrayList<>();
        try (var iterator = YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifest)) {
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                // A document holding only Helm's "# Source:" comment parses to nothing.
                if (document != null && !document.isNull() && !document.isMissingNode() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The rendered manifest is not valid YAML", e);
        }
        return documents;
    }

    /** A copy of the chart to break on purpose, proving that the checks catch what they claim to catch. */
    static Path scratchCopy(Path target) {
        try (Stream<Path> files = Files.walk(DIRECTORY)) {
            for (Path source : files.toList()) {
                Path copy = target.resolve(DIRECTORY.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void replaceIn(Path chartCopy, String template, String search, String replacement) {
        Path file = chartCopy.resolve("templates").resolve(template);
        try {
            String text = Files.readString(file);
            if (!text.contains(search)) {
                throw new IllegalStateException(template + " does not contain " + search);
            }
            Files.writeString(file, text.replace(search, replacement));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rendered documents of one `helm template`. */
    record Rendered(List<JsonNode> documents) {

        List<JsonNode> ofKind(String kind) {
            return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        }

        JsonNode one(String kind, String name) {
            return ofKind(kind).stream()
                    .filter(d -> name.equals(d.path("metadata").path("name").asText()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("No " + kind + " named " + name + " was rendered"));
        }
    }
}
