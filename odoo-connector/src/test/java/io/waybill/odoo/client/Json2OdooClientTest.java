package io.waybill.odoo.client;

/** The client contract over JSON-2, against the behaviour recorded from Odoo 19.0. */
class Json2OdooClientTest extends OdooClientContract {

    @Override
    OdooApiFlavour flavour() {
        return OdooApiFlavour.JSON_2;
    }
}
