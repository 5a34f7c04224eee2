package io.waybill.model.billing;

/** The two ways a posted invoice is adjusted: a credit note lowers what the customer owes, a debit note raises it. */
public enum NoteKind {
    CREDIT,
    DEBIT
}
