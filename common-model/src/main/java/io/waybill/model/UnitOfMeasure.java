package io.waybill.model;

/** Units Waybill counts and weighs in. */
public enum UnitOfMeasure {
    EACH(true),
    CASE(true),
    PALLET(true),
    KG(false),
    LB(false),
    CBM(false);

    private final boolean countable;

    UnitOfMeasure(boolean countable) {
        this.countable = countable;
    }

    /** Whether only whole numbers make sense (you ship 3 cases, not 2.5). */
    public boolean countable() {
        return countable;
    }
}
