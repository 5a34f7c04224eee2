package io.waybill.order.support;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

import java.util.function.Supplier;

/**
 * Runs reactive service code from a test thread the way the service's scheduled jobs run it: on a fresh, safe
 * duplicated Vert.x context, which Hibernate Reactive sessions require.
 */
public final class OnVertx {

    private OnVertx() {
    }

    public static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
