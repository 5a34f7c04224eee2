package io.waybill.foundation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.testsupport.OpenApiErrors;
import io.waybill.testsupport.WaybillInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class OpenApiDocumentsScopesAndProblemsTest {

    @Test
    void everyOperationNamesItsScopeAndItsProblemResponses() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/admin/dead-letters'.get.security[0].oidc", hasItem("ops.dead-letters"))
                .body("paths.'/admin/dead-letters'.get.responses.'403'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/admin/audit/verify'.get.responses.'401'.description", notNullValue())
                .body("paths.'/admin/dead-letters/{id}/replay'.post.responses.'404'.content", notNullValue())
                .body("components.schemas.Problem.properties.errors.items.properties.field.type", equalTo("string"));
    }

    /** Each operation documents the errors it can give, not a generic list: no 413 on a GET, no 429 unthrottled. */
    @Test
    void eachOperationDocumentsTheErrorsItCanGive() {
        OpenApiErrors errors = OpenApiErrors.ofRunningService();
        // Secured, rate-limited, no body.
        assertEquals(Set.of("401", "403", "409", "429", "500", "503"), errors.of("post", "/test/hub-pings"));
        // Open to all, with a body.
        assertEquals(Set.of("400", "409", "413", "415", "422", "500", "503"), errors.of("post", "/test/parcel-scans"));
        // Secured reads with query parameters, without, and of one record.
        assertEquals(Set.of("400", "401", "403", "500", "503"), errors.of("get", "/admin/dead-letters"));
        assertEquals(Set.of("401", "403", "500", "503"), errors.of("get", "/admin/audit/verify"));
        assertEquals(Set.of("401", "403", "404", "500", "503"), errors.of("get", "/admin/dead-letters/{id}"));
        assertEquals(Set.of("401", "403", "404", "409", "500", "503"), errors.of("post", "/admin/dead-letters/{id}/replay"));
    }
}
