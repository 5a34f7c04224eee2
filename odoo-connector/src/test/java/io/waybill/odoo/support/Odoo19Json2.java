package io.waybill.odoo.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** The connector configured for JSON-2, against a stub answering as the recorded Odoo 19.0. */
public class Odoo19Json2 implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OdooStubResource.class, Map.of("api", "JSON_2")));
    }
}
