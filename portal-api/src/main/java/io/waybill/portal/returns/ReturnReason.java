package io.waybill.portal.returns;

/** Why goods go back; the codes shipment-service and customer service act on. */
public enum ReturnReason {
    DAMAGED,
    WRONG_ITEM,
    NOT_AS_DESCRIBED,
    NO_LONGER_NEEDED,
    OTHER
}
