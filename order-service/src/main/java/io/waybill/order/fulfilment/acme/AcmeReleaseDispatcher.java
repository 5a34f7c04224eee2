package io.waybill.order.fulfilment.acme;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waybill.order.fulfilment.ReleaseHandOver;
import io.waybill.order.fulfilment.WarehouseRelease;
import io.waybill.order.routing.RoutingRules.PartnerLink;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Hands pending releases of REST-linked warehouses (acme-3pl) to the partner's API, one by one, outside any
 * database transaction. A failed call leaves the release pending for the next run; the saga's release deadline
 * holds the order if acme stays unreachable.
 */
@ApplicationScoped
public class AcmeReleaseDispatcher {

    private static final Logger LOG = Logger.getLogger(AcmeReleaseDispatcher.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final AcmeReleaseApi api;
    private final ReleaseHandOver handOver;

    public AcmeReleaseDispatcher(@RestClient AcmeReleaseApi api, ReleaseHandOver handOver) {
        this.api = api;
        this.handOver = handOver;
    }

    @Scheduled(every = "${waybill.fulfilment.acme-3pl.dispatch-every:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() throws Throwable {
        // A worker thread: run the reactive work on a fresh safe Vert.x context, as Hibernate Reactive requires.
        VertxContextSupport.subscribeAndAwait(() -> dispatchPending());
    }

    /** Sends what is pending; returns how many releases acme accepted. */
    public Uni<Integer> dispatchPending() {
        return Panache.withSession(() -> WarehouseRelease.pending(PartnerLink.REST, 50))
                .chain(pending -> Multi.createFrom().iterable(pending)
                        .onItem().transformToUniAndConcatenate(this::send)
                        .collect().asList()
                        .map(results -> (int) results.stream().filter(Boolean::booleanValue).count()));
    }

    private Uni<Boolean> send(WarehouseRelease release) {
        String key = release.orderId + "-" + release.version;
        return api.release(key, AcmeRelease.from(release.document()))
                .ifNoItem().after(CALL_TIMEOUT).fail()
                .chain(() -> handOver.handedOver(release.orderId, release.version))
                .replaceWith(true)
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("acme-3pl refused or missed release %s: %s", release.orderId, failure.getMessage());
                    return handOver.failed(release.orderId, failure).replaceWith(false);
                });
    }

}
