package io.waybill.foundation.problem;

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
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Map;

/**
 * Documents Waybill's error contract on every operation of every service: the RFC 9457 problem schema and the
 * responses a client must handle (400 malformed input, 401, 403 missing scope, 404, 409, 413, 422 invalid field,
 * 429 rate limit, 500), so a partner's developer sees them in the OpenAPI document instead of discovering them.
 */
public class ProblemResponsesInOpenApi implements OASFilter {

    private static final String PROBLEM = "Problem";
    private static final Map<String, String> RESPONSES = Map.of(
            "400", "Malformed JSON, an unknown field, or a value of the wrong type (problem+json names the field)",
            "401", "No valid bearer token for this service (missing, expired, other issuer or audience)",
            "403", "The token lacks the scope this operation needs",
            "404", "Not found, or not yours: another customer's or partner's record is never disclosed",
            "409", "Conflicts with the record's current state",
            "413", "The request body is larger than the service accepts",
            "422", "A field's value cannot be accepted (problem+json names the field)",
            "429", "Rate limit exceeded; retry after the Retry-After header",
            "500", "Unexpected failure; nothing was changed");

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
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getResponses() == null) {
                    operation.setResponses(OASFactory.createAPIResponses());
                }
                APIResponses responses = operation.getResponses();
                RESPONSES.forEach((status, description) -> {
                    if (!responses.hasAPIResponse(status)) {
                        responses.addAPIResponse(status, problemResponse(description));
                    }
                });
            }
        }
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
