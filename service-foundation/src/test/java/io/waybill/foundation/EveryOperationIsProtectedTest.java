package io.waybill.foundation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.testsupport.EndpointSecurityMatrix;
import io.waybill.testsupport.WaybillInfrastructure;

import java.util.Map;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class EveryOperationIsProtectedTest extends EndpointSecurityMatrix {

    @Override
    protected String audience() {
        return "foundation-test";
    }

    @Override
    protected Map<String, String> deliberatelyPublic() {
        return Map.of("POST /test/parcel-scans", "test-only resource of this module's test application");
    }
}
