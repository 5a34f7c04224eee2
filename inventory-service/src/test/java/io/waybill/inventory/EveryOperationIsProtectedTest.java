package io.waybill.inventory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.testsupport.EndpointSecurityMatrix;
import io.waybill.testsupport.WaybillInfrastructure;

/** Every inventory endpoint in the OpenAPI document: 401 without a valid token for this service, 403 without its scope. */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class EveryOperationIsProtectedTest extends EndpointSecurityMatrix {

    @Override
    protected String audience() {
        return "inventory-service";
    }
}
