package io.waybill.odoo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.waybill.odoo.support.Odoo17JsonRpc;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.testsupport.EndpointSecurityMatrix;
import io.waybill.testsupport.WaybillInfrastructure;

import java.util.Map;

/** Every operation of odoo-connector's OpenAPI document through the token matrix (issuer, audience, expiry, scope). */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@TestProfile(Odoo17JsonRpc.class)
class EveryOperationIsProtectedTest extends EndpointSecurityMatrix {

    @Override
    protected String audience() {
        return "odoo-connector";
    }

    @Override
    protected Map<String, String> deliberatelyPublic() {
        return Map.of("POST /odoo/webhooks/{secret}",
                "Odoo's webhook cannot carry credentials: an unguessable secret in the path guards it, and its "
                        + "payload is only a hint that the connector reads back through the authenticated API");
    }
}
