package io.waybill.billing.audit;

import io.waybill.model.Money;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;

/**
 * How far above the booking quote a carrier may bill transport (freight, fuel, re-weigh) before a person looks at
 * it: the lesser of an absolute amount and a percentage of the quote, the usual freight-audit rule, so that neither
 * a small quote gets a large relative allowance nor a large quote a large absolute one.
 */
@ApplicationScoped
public class AuditTolerance {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private final BigDecimal absolute;
    private final BigDecimal percent;

    public AuditTolerance(@ConfigProperty(name = "waybill.billing.audit.tolerance.absolute") BigDecimal absolute,
                          @ConfigProperty(name = "waybill.billing.audit.tolerance.percent") BigDecimal percent) {
        if (absolute.signum() < 0 || percent.signum() < 0) {
            throw new IllegalArgumentException("Audit tolerances cannot be negative");
        }
        this.absolute = absolute;
        this.percent = percent;
    }

    /** The allowance above this quote, in the quote's currency, rounded to its minor unit. */
    public Money allowanceFor(Money quote) {
        Money relative = quote.times(percent.divide(HUNDRED)).rounded();
        Money fixed = new Money(absolute, quote.currency()).rounded();
        return relative.compareTo(fixed) <= 0 ? relative : fixed;
    }
}
