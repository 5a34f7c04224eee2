package io.waybill.partners;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.testsupport.EndpointSecurityMatrix;
import io.waybill.testsupport.WaybillInfrastructure;

/** Every operation of partner-registry's OpenAPI document through the token matrix (issuer, audience, expiry, scope). */
@QuarkusTest
@TestProfile(WithoutKeycloak.class)
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class EveryOperationIsProtectedTest extends EndpointSecurityMatrix {

    @Override
    protected String audience() {
        return "partner-registry";
    }
}
