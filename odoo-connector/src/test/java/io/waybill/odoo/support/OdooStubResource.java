package io.waybill.odoo.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.waybill.odoo.client.OdooApiFlavour;
import io.waybill.odoo.stub.OdooApi;
import io.waybill.odoo.stub.OdooStub;

import java.util.Map;

/**
 * Starts the Odoo stub of the flavour named by the {@code api} init argument before Quarkus boots and points the
 * connector at it. One stub per Quarkus application (per test profile); tests reach it through {@link #stub()}.
 */
public class OdooStubResource implements QuarkusTestResourceLifecycleManager {

    private static volatile OdooStub stub;
    private OdooApiFlavour flavour;

    public static OdooStub stub() {
        return stub;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        flavour = OdooApiFlavour.valueOf(initArgs.getOrDefault("api", "JSON_RPC"));
    }

    @Override
    public Map<String, String> start() {
        stub = OdooStub.start(OdooApi.valueOf(flavour.name()));
        return Map.of(
                "waybill.odoo.api", flavour.name(),
                "waybill.odoo.url", stub.baseUrl().toString(),
                "waybill.odoo.database", OdooStub.DATABASE,
                "waybill.odoo.login", OdooStub.LOGIN,
                "waybill.odoo.api-key", OdooStub.API_KEY);
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
            stub = null;
        }
    }
}
