package io.waybill.odoo.behaviour;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.waybill.odoo.support.Odoo17JsonRpc;

/** The connector's behaviour over JSON-RPC, against the recorded Odoo 17.0. */
@QuarkusTest
@TestProfile(Odoo17JsonRpc.class)
class OdooConnectorOnOdoo17JsonRpcTest extends OdooConnectorBehaviour {
}
