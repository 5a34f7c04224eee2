package io.waybill.order;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.testsupport.EndpointSecurityMatrix;
import io.waybill.testsupport.WaybillInfrastructure;

import java.util.Map;

/** Every operation of order-service's OpenAPI document through the token matrix (issuer, audience, expiry, scope). */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class EveryOperationIsProtectedTest extends EndpointSecurityMatrix {

    @Override
    protected String audience() {
        return "order-service";
    }

    @Override
    protected Map<String, String> deliberatelyPublic() {
        return Map.of();
    }
}
