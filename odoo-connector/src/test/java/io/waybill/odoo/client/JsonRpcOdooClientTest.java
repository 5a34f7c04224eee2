package io.waybill.odoo.client;

/** The client contract over JSON-RPC, against the behaviour recorded from Odoo 17.0. */
class JsonRpcOdooClientTest extends OdooClientContract {

    @Override
    OdooApiFlavour flavour() {
        return OdooApiFlavour.JSON_RPC;
    }
}
