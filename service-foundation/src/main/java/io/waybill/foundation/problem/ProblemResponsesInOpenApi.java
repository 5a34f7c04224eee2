package io.waybill.foundation.problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.waybill.foundation.security.RateLimited;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Documents Waybill's error contract on every operation of every service: the RFC 9457 problem schema and, per
 * operation, the error responses that operation can really give, so a partner's developer sees them in the OpenAPI
 * document instead of discovering them:
 * <ul>
 *     <li>400 where the operation reads a body or query/header parameters; 413, 415 and 422 where it reads a body;</li>
 *     <li>401 and 403 where it is secured (it names a security requirement);</li>
 *     <li>404 where a path parameter names a record; 409 where it changes state (POST, PUT, PATCH, DELETE);</li>
 *     <li>429 where the resource is {@link RateLimited} (read from the application's index);</li>
 *     <li>500 and 503 everywhere.</li>
 * </ul>
 * Responses an operation declares itself are left as they are. Registered with {@link OpenApiFilter} (not
 * {@code mp.openapi.filter}) so that it runs at build time with the application's index.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesInOpenApi implements OASFilter {

    private static final String PROBLEM = "Problem";
    private static final DotName RATE_LIMITED = DotName.createSimple(RateLimited.class);
    private static final DotName PATH = DotName.createSimple(jakarta.ws.rs.Path.class);
    private static final Map<DotName, PathItem.HttpMethod> HTTP_METHODS = Map.of(
            DotName.createSimple(GET.class), PathItem.HttpMethod.GET,
            DotName.createSimple(POST.class), PathItem.HttpMethod.POST,
            DotName.createSimple(PUT.class), PathItem.HttpMethod.PUT,
            DotName.createSimple(PATCH.class), PathItem.HttpMethod.PATCH,
            DotName.createSimple(DELETE.class), PathItem.HttpMethod.DELETE);
    private static final Set<PathItem.HttpMethod> STATE_CHANGING = Set.of(PathItem.HttpMethod.POST,
            PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    static final String BAD_REQUEST = "Malformed JSON, an unknown field, or a value of the wrong type (problem+json names the field)";
    static final String UNAUTHORIZED = "No valid bearer token for this service (missing, expired, other issuer or audience)";
    static final String FORBIDDEN = "The token lacks the scope this operation needs";
    static final String NOT_FOUND = "Not found, or not yours: another customer's or partner's record is never disclosed";
    static final String CONFLICT = "Conflicts with the record's current state";
    static final String TOO_LARGE = "The request body is larger than the service accepts";
    static final String UNSUPPORTED = "The request body is not in a media type this operation reads (application/json)";
    static final String UNPROCESSABLE = "A field's value cannot be accepted (problem+json names the field)";
    static final String RATE_LIMIT = "Rate limit exceeded; retry after the Retry-After header";
    static final String INTERNAL = "Unexpected failure; nothing was changed";
    static final String UNAVAILABLE = "The service cannot reach its database or broker right now; retry later";

    /** "POST /carrier-bills" for each operation of a {@link RateLimited} resource. */
    private final Set<String> rateLimited;

    /** Without an index (a filter run outside the build), nothing is known to be rate-limited. */
    public ProblemResponsesInOpenApi() {
        this.rateLimited = Set.of();
    }

    /** SmallRye OpenAPI hands the application's index to a filter with this constructor. */
    public ProblemResponsesInOpenApi(IndexView index) {
        this.rateLimited = rateLimitedOperations(index);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(PROBLEM, problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean securedByDefault = openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty();
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            if (operation.getResponses() == null) {
                operation.setResponses(OASFactory.createAPIResponses());
            }
            responsesFor(path, method, operation, securedByDefault).forEach((status, description) -> {
                if (!operation.getResponses().hasAPIResponse(status)) {
                    operation.getResponses().addAPIResponse(status, problemResponse(description));
                }
            });
        }));
    }

    private Map<String, String> responsesFor(String path, PathItem.HttpMethod method, Operation operation,
                                             boolean securedByDefault) {
        Map<String, String> responses = new TreeMap<>();
        boolean body = operation.getRequestBody() != null;
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean queryOrHeader = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY
                || p.getIn() == Parameter.In.HEADER);
        if (body || queryOrHeader) {
            responses.put("400", BAD_REQUEST);
        }
        if (body) {
            responses.put("413", TOO_LARGE);
            responses.put("415", UNSUPPORTED);
            responses.put("422", UNPROCESSABLE);
        }
        List<SecurityRequirement> security = operation.getSecurity();
        if (security != null ? !security.isEmpty() : securedByDefault) {
            responses.put("401", UNAUTHORIZED);
            responses.put("403", FORBIDDEN);
        }
        if (path.contains("{") || parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH)) {
            responses.put("404", NOT_FOUND);
        }
        if (STATE_CHANGING.contains(method)) {
            responses.put("409", CONFLICT);
        }
        if (rateLimited.contains(method + " " + normalize(path))) {
            responses.put("429", RATE_LIMIT);
        }
        responses.put("500", INTERNAL);
        responses.put("503", UNAVAILABLE);
        return responses;
    }

    private static Set<String> rateLimitedOperations(IndexView index) {
        Set<String> operations = new HashSet<>();
        if (index == null) {
            return operations;
        }
        for (AnnotationInstance annotation : index.getAnnotations(RATE_LIMITED)) {
            if (annotation.target().kind() == AnnotationTarget.Kind.CLASS) {
                ClassInfo resource = annotation.target().asClass();
                resource.methods().forEach(m -> addOperation(resource, m, operations));
            } else if (annotation.target().kind() == AnnotationTarget.Kind.METHOD) {
                MethodInfo method = annotation.target().asMethod();
                addOperation(method.declaringClass(), method, operations);
            }
        }
        return operations;
    }

    private static void addOperation(ClassInfo resource, MethodInfo method, Set<String> operations) {
        for (Map.Entry<DotName, PathItem.HttpMethod> http : HTTP_METHODS.entrySet()) {
            if (method.hasDeclaredAnnotation(http.getKey())) {
                String classPath = pathOf(resource.declaredAnnotation(PATH));
                String methodPath = pathOf(method.declaredAnnotation(PATH));
                operations.add(http.getValue() + " " + normalize(classPath + "/" + methodPath));
            }
        }
    }

    private static String pathOf(AnnotationInstance path) {
        return path == null || path.value() == null ? "" : path.value().asString();
    }

    /** One leading slash, no trailing or doubled ones, and {id: regex} written as {id}, as OpenAPI paths are. */
    static String normalize(String path) {
        String plain = path.replaceAll("\\{\\s*([^}:\\s]+)\\s*(:[^}]*)?}", "{$1}").replaceAll("/+", "/");
        if (!plain.startsWith("/")) {
            plain = "/" + plain;
        }
        return plain.length() > 1 && plain.endsWith("/") ? plain.substring(0, plain.length() - 1) : plain;
    }

    private static APIResponse problemResponse(String description) {
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM)));
        return OASFactory.createAPIResponse().description(description).content(content);
    }

    private static Schema problemSchema() {
        Schema fieldError = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("The field at fault, as a JSON path (lines[0].quantity)"))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details")
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("Stable URI identifying the kind of problem, e.g. https://waybill.io/problems/unknown-sku"))
                .addProperty("title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).items(fieldError));
    }
}
