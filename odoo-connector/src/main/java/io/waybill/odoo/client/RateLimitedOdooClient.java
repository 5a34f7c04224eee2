package io.waybill.odoo.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;

/** Every call through this client waits for the {@link OdooRateLimiter}, so Odoo is never flooded. */
public final class RateLimitedOdooClient implements OdooClient, AutoCloseable {

    private final OdooClient delegate;
    private final OdooRateLimiter limiter;

    public RateLimitedOdooClient(OdooClient delegate, OdooRateLimiter limiter) {
        this.delegate = delegate;
        this.limiter = limiter;
    }

    @Override
    public OdooApiFlavour flavour() {
        return delegate.flavour();
    }

    @Override
    public Uni<JsonNode> execute(OdooCall call) {
        return limiter.submit(() -> delegate.execute(call));
    }

    @Override
    public void close() throws Exception {
        if (delegate instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
