package io.waybill.odoo.binding;

/** What a binding ties together: a Waybill id on one side, an Odoo record on the other. */
public enum BindingKind {
    /** Odoo sale.order by its name (S00025), the source reference of the canonical order. */
    SALES_ORDER("sale.order"),
    /** order-service's order id of an order that came from Odoo, to the same sale.order. */
    ORDER("sale.order"),
    /** Waybill customer id to Odoo's commercial partner. */
    CUSTOMER("res.partner"),
    /** SKU to product.product. */
    PRODUCT("product.product"),
    /** Waybill shipment id to the outgoing stock.picking it ships. */
    DELIVERY("stock.picking"),
    /** shipment-service's return id to the incoming return stock.picking booked for it in Odoo. */
    RETURN("stock.picking"),
    /** billing-service's invoice or note id to the account.move posted for it. */
    INVOICE("account.move");

    private final String odooModel;

    BindingKind(String odooModel) {
        this.odooModel = odooModel;
    }

    public String odooModel() {
        return odooModel;
    }
}
