package io.waybill.shipment;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.testsupport.EndpointSecurityMatrix;
import io.waybill.testsupport.WaybillInfrastructure;

import java.util.Map;

/** Every operation of shipment-service's OpenAPI document through the token matrix (issuer, audience, expiry, scope). */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class EveryOperationIsProtectedTest extends EndpointSecurityMatrix {

    @Override
    protected String audience() {
        return "shipment-service";
    }

    @Override
    protected Map<String, String> deliberatelyPublic() {
        return Map.of("POST /carriers/{carrierId}/webhooks",
                "carriers that only sign their webhooks cannot obtain a token: WebhookIntake verifies the signature "
                        + "(or a partner token) before anything is stored");
    }
}
