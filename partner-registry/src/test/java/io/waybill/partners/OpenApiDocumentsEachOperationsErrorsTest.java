package io.waybill.partners;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.testsupport.OpenApiErrors;
import io.waybill.testsupport.WaybillInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** partner-registry's served document lists, per operation, the errors it can give; nothing here is rate-limited. */
@QuarkusTest
@TestProfile(WithoutKeycloak.class)
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class OpenApiDocumentsEachOperationsErrorsTest {

    @Test
    void eachOperationListsTheErrorsItCanGive() {
        OpenApiErrors errors = OpenApiErrors.ofRunningService();
        assertEquals(Set.of("400", "401", "403", "409", "413", "415", "422", "500", "503"), errors.of("post", "/partners"));
        assertEquals(Set.of("401", "403", "404", "500", "503"), errors.of("get", "/partners/{partnerId}"));
        assertEquals(Set.of("401", "403", "404", "409", "500", "503"), errors.of("post", "/partners/{partnerId}/revoke"));
        for (String operation : errors.operations()) {
            String[] methodAndPath = operation.split(" ", 2);
            assertEquals(false, errors.of(methodAndPath[0], methodAndPath[1]).contains("429"), operation + " is not rate-limited");
        }
    }
}
