package io.waybill.model.party;

/** What a party is to Waybill. A customer orders; a partner (3PL, webshop) integrates; a carrier delivers. */
public enum PartyRole {
    CUSTOMER,
    PARTNER,
    CARRIER
}
