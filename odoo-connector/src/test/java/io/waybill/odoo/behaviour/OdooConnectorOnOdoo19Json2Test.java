package io.waybill.odoo.behaviour;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.waybill.odoo.support.Odoo19Json2;

/** The connector's behaviour over JSON-2, against the recorded Odoo 19.0. */
@QuarkusTest
@TestProfile(Odoo19Json2.class)
class OdooConnectorOnOdoo19Json2Test extends OdooConnectorBehaviour {
}
