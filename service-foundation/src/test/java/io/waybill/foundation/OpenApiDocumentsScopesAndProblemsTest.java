package io.waybill.foundation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.testsupport.WaybillInfrastructure;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

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
                .body("paths.'/admin/dead-letters/{id}/replay'.post.responses.'422'.content", notNullValue())
                .body("components.schemas.Problem.properties.errors.items.properties.field.type", equalTo("string"));
    }
}
