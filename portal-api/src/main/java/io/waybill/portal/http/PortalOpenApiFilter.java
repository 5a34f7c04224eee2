package io.waybill.portal.http;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.Map;

/**
 * Documents the portal's own contract on every customer operation, on top of the problem responses every Waybill
 * service documents (service-foundation's {@code ProblemResponsesInOpenApi}): what 403 and 404 mean for a customer,
 * and on every JSON GET the ETag / If-None-Match / 304 contract of {@link ConditionalGet}.
 */
@OpenApiFilter
public class PortalOpenApiFilter implements OASFilter {

    private static final String PROBLEM_JSON = "application/problem+json";
    /** Declared by service-foundation's filter. */
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/me")) {
                return;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                document(path, entry.getKey(), entry.getValue());
            }
        });
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        responses.addAPIResponse("403", problem("The token lacks the portal.customer scope or a customer_id claim"));
        if (path.contains("{")) {
            responses.addAPIResponse("404", problem("You have nothing with this number (records of other customers "
                    + "answer exactly like records that do not exist)"));
        }
        boolean streams = responses.getAPIResponse("200") != null
                && responses.getAPIResponse("200").getContent() != null
                && responses.getAPIResponse("200").getContent().hasMediaType("text/event-stream");
        if (method == PathItem.HttpMethod.GET && !streams) {
            operation.addParameter(OASFactory.createParameter().name("If-None-Match").in(Parameter.In.HEADER)
                    .description("The ETag of the representation you hold: 304 if it is still current")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                    .example("\"3q2-7wEjZbq9hC1l3yPu8cG8X1Zl8x2cUWZpV0bTKs8\""));
            APIResponse ok = responses.getAPIResponse("200");
            if (ok != null) {
                ok.addHeader("ETag", header("Identifies this representation; send it back in If-None-Match"));
                ok.addHeader("Cache-Control", header("private, no-cache: cache only in your own client, revalidate before reuse"));
            }
            responses.addAPIResponse("304", OASFactory.createAPIResponse()
                    .description("Not modified: the representation you hold (If-None-Match) is current"));
        }
    }

    private static Header header(String description) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(PROBLEM_JSON,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
    }
}
