package io.waybill.odoo.writequeue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;

/**
 * One kind of write to Odoo, applied by the {@link WriteQueueWorker}. Implementations are CDI beans.
 * <p>
 * {@link #apply} may run more than once for the same entry: after a timeout the worker cannot know whether Odoo
 * committed, and retries. So every operation first looks for what an earlier attempt may have done (a binding, a
 * record with the same external reference, a picking already validated) and never creates blindly.
 */
public interface OdooWriteOperation {

    /** Stable name stored with each queue entry, e.g. {@code tracking-ref}. */
    String name();

    Uni<Void> apply(JsonNode payload);
}
