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

import java.util.List;
import java.util.Map;

/**
 * Documents what every customer endpoint shares, once, instead of on each method: the problem+json error
 * responses, and on every JSON GET the ETag / If-None-Match / 304 contract of {@link ConditionalGet}.
 */
@OpenApiFilter
public class PortalOpenApiFilter implements OASFilter {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema());
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
        responses.addAPIResponse("401", problem("No valid access token for portal-api"));
        responses.addAPIResponse("403", problem("The token lacks the portal.customer scope or a customer_id claim"));
        if (path.contains("{")) {
            responses.addAPIResponse("404", problem("You have nothing with this number (records of other customers "
                    + "answer exactly like records that do not exist)"));
        }
        if (method == PathItem.HttpMethod.POST || !path.contains("{")) {
            responses.addAPIResponse("422", problem("A parameter or field is invalid; errors[] names each one"));
        }
        if (method == PathItem.HttpMethod.POST) {
            responses.addAPIResponse("409", problem("Not possible in the order's current state"));
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

    /** RFC 9457 problem details as Waybill writes them (io.waybill.foundation.problem.Problem). */
    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING).example("lines[0].quantity"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .example("at most 2 of MUG-BLUE-330 can still be returned"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .required(List.of("type", "title", "status"))
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("Stable URI to switch on").example("https://waybill.io/problems/order-not-found"))
                .addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).example(404))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .example("You have no order with number WB-7Q4K2M9XAB"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError));
    }
}
