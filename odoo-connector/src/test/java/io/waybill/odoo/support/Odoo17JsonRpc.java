package io.waybill.odoo.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** The connector configured for JSON-RPC, against a stub answering as the recorded Odoo 17.0. */
public class Odoo17JsonRpc implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OdooStubResource.class, Map.of("api", "JSON_RPC")));
    }
}
