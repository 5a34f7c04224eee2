package io.waybill.portal.http;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.info.Info;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the {@value #DOCUMENT} document (served at {@code /openapi}, the one path the ingress publishes besides
 * {@code /me}) the customer's own: only the {@code /me} operations and the schemas they use. The operator endpoints
 * (read-model rebuild, dead letters, audit) stay in the full document at {@code /q/openapi}, inside the cluster,
 * where the security sweeps read every operation.
 */
@OpenApiFilter(documentNames = CustomerDocumentFilter.DOCUMENT, priority = 0)
public class CustomerDocumentFilter implements OASFilter {

    /** The named OpenAPI document (application.properties: {@code quarkus.smallrye-openapi."customer".*}). */
    public static final String DOCUMENT = "customer";

    private static final String SCHEMA_REF = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.setInfo(customerInfo());
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            List.copyOf(openAPI.getPaths().getPathItems().keySet()).stream()
                    .filter(path -> !path.equals("/me") && !path.startsWith("/me/"))
                    .forEach(openAPI.getPaths()::removePathItem);
        }
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        // A schema stays when a /me operation uses it, directly or through another schema.
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Set<String> used = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(references(openAPI.getPaths()));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (used.add(name) && schemas.containsKey(name)) {
                pending.addAll(references(schemas.get(name)));
            }
        }
        List.copyOf(schemas.keySet()).stream().filter(name -> !used.contains(name))
                .forEach(openAPI.getComponents()::removeSchema);
    }

    /** The default document's info (application.properties), which Quarkus applies to that document only. */
    private static Info customerInfo() {
        Config config = ConfigProvider.getConfig();
        String prefix = "quarkus.smallrye-openapi.info-";
        return OASFactory.createInfo()
                .title(config.getValue(prefix + "title", String.class))
                .version(config.getValue(prefix + "version", String.class))
                .description(config.getValue(prefix + "description", String.class))
                .contact(OASFactory.createContact()
                        .name(config.getValue(prefix + "contact-name", String.class))
                        .email(config.getValue(prefix + "contact-email", String.class)));
    }

    private static Set<String> references(Paths paths) {
        Set<String> names = new HashSet<>();
        if (paths == null || paths.getPathItems() == null) {
            return names;
        }
        for (PathItem item : paths.getPathItems().values()) {
            if (item.getParameters() != null) {
                item.getParameters().forEach(p -> collect(p.getSchema(), names));
            }
            for (Operation operation : item.getOperations().values()) {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(p -> collect(p.getSchema(), names));
                }
                if (operation.getRequestBody() != null) {
                    collect(operation.getRequestBody().getContent(), names);
                }
                if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                    for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
                        collect(response.getContent(), names);
                        if (response.getHeaders() != null) {
                            response.getHeaders().values().forEach(h -> collect(h.getSchema(), names));
                        }
                    }
                }
            }
        }
        return names;
    }

    private static Set<String> references(Schema schema) {
        Set<String> names = new HashSet<>();
        collect(schema, names);
        return names;
    }

    private static void collect(Content content, Set<String> names) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(media -> collect(media.getSchema(), names));
        }
    }

    private static void collect(Schema schema, Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null && schema.getRef().startsWith(SCHEMA_REF)) {
            names.add(schema.getRef().substring(SCHEMA_REF.length()));
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(s -> collect(s, names));
        }
        collect(schema.getItems(), names);
        collect(schema.getAdditionalPropertiesSchema(), names);
        collect(schema.getNot(), names);
        for (List<Schema> group : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (group != null) {
                group.forEach(s -> collect(s, names));
            }
        }
    }
}
