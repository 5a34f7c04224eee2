package io.waybill.portal;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.waybill.portal.support.TestFeedChannel;
import io.waybill.testsupport.WaybillInfrastructure;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The OpenAPI document is the customer developer's manual, at {@code /openapi} where the ingress publishes it: every
 * customer operation is described, secured by the OIDC scheme, documents its problem+json errors and, for GETs, the
 * ETag / If-None-Match / 304 contract; nothing of the operator endpoints is in it.
 */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(TestFeedChannel.class)
class OpenApiDocumentServesCustomerDevelopersTest {

    /** Every customer operation the portal has: a document that lost one fails, one that gained one is reviewed. */
    private static final Set<String> CUSTOMER_OPERATIONS = Set.of(
            "get /me/orders", "get /me/orders/{orderNumber}", "post /me/orders/{orderNumber}/returns",
            "get /me/returns/{returnNumber}", "get /me/shipments/{trackingNumber}",
            "get /me/shipments/{trackingNumber}/proof-of-delivery", "get /me/shipments/updates",
            "get /me/invoices", "get /me/invoices/{invoiceNumber}");

    @Test
    void theCustomerDocumentIsServedWhereTheIngressPublishesItAndHoldsNoOperatorEndpoint() {
        // k8s/waybill/values.yaml publishes /me and /openapi on the portal host, nothing else.
        String json = given().accept("application/json").get("/openapi?format=json").then().statusCode(200)
                .extract().asString();
        JsonPath doc = JsonPath.from(json);
        Map<String, Object> paths = doc.getMap("paths");
        assertThat(paths.keySet().stream().filter(p -> !p.startsWith("/me/") && !p.equals("/me")).toList(),
                empty());
        assertThat(json, not(containsString("/admin")));
        Map<String, Object> schemas = doc.getMap("components.schemas");
        assertThat(schemas.keySet().stream().filter(name -> name.contains("DeadLetter") || name.contains("Audit")
                || name.contains("Rebuild")).toList(), empty());
        // The operators' full document stays where the cluster-internal tools read it.
        given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/admin/dead-letters"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyCustomerOperationIsDescribedSecuredAndDocumentsItsErrorsAndCaching() throws Exception {
        String json = given().accept("application/json").get("/openapi?format=json").then().statusCode(200)
                .extract().asString();
        // Kept beside the build for review and for client generators.
        Files.writeString(Path.of("target", "portal-api-openapi.json"), json);
        JsonPath doc = JsonPath.from(json);

        assertThat(doc.getString("info.title"), equalTo("Waybill customer portal API"));
        assertThat(doc.getString("info.contact.email"), equalTo("support@waybill.io"));
        assertThat(doc.getString("components.securitySchemes.oidc.type"), equalTo("openIdConnect"));
        assertThat(doc.getString("components.schemas.Problem.properties.type.type"), equalTo("string"));
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().forEach(verb -> documented.add(verb + " " + path)));
        assertThat(documented, equalTo(new TreeSet<>(CUSTOMER_OPERATIONS)));
        paths.forEach((path, operations) -> {
            if (!path.startsWith("/me")) {
                return;
            }
            operations.forEach((verb, operation) -> {
                String where = verb + " " + path;
                JsonPath op = JsonPath.from(doc.prettify()).setRootPath("paths.'" + path + "'." + verb);
                assertThat(where + " summary", op.getString("summary"), not(emptyOrNullString()));
                assertThat(where + " security", op.getString("security[0].oidc[0]"), equalTo("portal.customer"));
                assertThat(where + " 401", op.getString("responses.'401'.content.'application/problem+json'"),
                        notNullValue());
                assertThat(where + " 403", op.getString("responses.'403'.content.'application/problem+json'"),
                        notNullValue());
                if (path.contains("{")) {
                    assertThat(where + " 404", op.getString("responses.'404'.content.'application/problem+json'"),
                            notNullValue());
                }
                boolean stream = op.getString("responses.'200'.content.'text/event-stream'") != null;
                if (verb.equals("get") && !stream) {
                    assertThat(where + " 304", op.getString("responses.'304'.description"), notNullValue());
                    assertThat(where + " ETag", op.getString("responses.'200'.headers.ETag.description"),
                            notNullValue());
                }
            });
        });
        assertThat(doc.getString("paths.'/me/orders/{orderNumber}/returns'.post.responses.'422'.description"),
                notNullValue());
    }
}
