package io.waybill.shipment.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.waybill.testsupport.WaybillInfrastructure;

import java.util.Map;

/**
 * Loopback ports for the carriers of the test: the built-in sandbox carrier server gets a free port, and the
 * EasyPost stub (built from EasyPost's documented payloads) is started on another.
 */
public class CarrierTestServers implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        EasyPostStub stub = EasyPostStub.start();
        return Map.of(
                "waybill.sandbox.port", String.valueOf(WaybillInfrastructure.freePort()),
                // A fixed port for the service under test, so the sandbox knows where to push its webhooks.
                "quarkus.http.test-port", String.valueOf(WaybillInfrastructure.freePort()),
                "easypost.stub.port", String.valueOf(stub.port()));
    }

    @Override
    public void stop() {
        // The stub lives as long as the test JVM; later test classes reuse it.
    }
}
