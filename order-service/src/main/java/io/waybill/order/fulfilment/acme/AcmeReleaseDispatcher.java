package io.waybill.order.fulfilment.acme;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waybill.order.fulfilment.CancellationAnswers;
import io.waybill.order.fulfilment.ReleaseHandOver;
import io.waybill.order.fulfilment.WarehouseCancellation;
import io.waybill.order.fulfilment.WarehouseRelease;
import io.waybill.order.routing.RoutingRules.PartnerLink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;

/**
 * Hands pending releases of REST-linked warehouses (acme-3pl) to the partner's API, one by one, outside any
 * database transaction, and then the cancellations the saga owes it. Each release is claimed (committed) before
 * the call, so a cancellation during the call is sent to acme instead of only withdrawn here. A failed call leaves
 * the release (or cancellation) for the next run; the saga's deadlines escalate if acme stays unreachable.
 */
@ApplicationScoped
public class AcmeReleaseDispatcher {

    private static final Logger LOG = Logger.getLogger(AcmeReleaseDispatcher.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** A claim older than this was abandoned (the sender crashed): well beyond one call's timeout. */
    private static final Duration CLAIM_ABANDONED_AFTER = Duration.ofMinutes(2);

    private final AcmeReleaseApi api;
    private final ReleaseHandOver handOver;
    private final CancellationAnswers cancellations;
    private final Clock clock;

    public AcmeReleaseDispatcher(@RestClient AcmeReleaseApi api, ReleaseHandOver handOver,
                                 CancellationAnswers cancellations, Clock clock) {
        this.api = api;
        this.handOver = handOver;
        this.cancellations = cancellations;
        this.clock = clock;
    }

    @Scheduled(every = "${waybill.fulfilment.acme-3pl.dispatch-every:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() throws Throwable {
        // A worker thread: run the reactive work on a fresh safe Vert.x context, as Hibernate Reactive requires.
        VertxContextSupport.subscribeAndAwait(() -> dispatchPending().chain(() -> dispatchCancellations()));
    }

    /** Sends what is pending; returns how many releases acme accepted. */
    public Uni<Integer> dispatchPending() {
        return Panache.withSession(() -> WarehouseRelease.pending(PartnerLink.REST,
                        clock.instant().minus(CLAIM_ABANDONED_AFTER), 50))
                .chain(pending -> Multi.createFrom().iterable(pending)
                        .onItem().transformToUniAndConcatenate(this::send)
                        .collect().asList()
                        .map(results -> (int) results.stream().filter(Boolean::booleanValue).count()));
    }

    private Uni<Boolean> send(WarehouseRelease release) {
        String key = release.handOverKey();
        AcmeRelease body = AcmeRelease.from(release.document());
        return handOver.claim(release.reference, release.version).chain(claimed -> claimed == null
                ? Uni.createFrom().item(false)
                : api.release(key, body)
                        .ifNoItem().after(CALL_TIMEOUT).fail()
                        .chain(() -> handOver.handedOver(release.reference, claimed))
                        .replaceWith(true)
                        .onFailure().recoverWithUni(failure -> {
                            LOG.warnf("acme-3pl refused or missed release %s: %s", release.reference, failure.getMessage());
                            return handOver.failed(release.reference, failure).replaceWith(false);
                        }));
    }

    /** Sends the cancellations owed to acme; returns how many acme answered (confirmed or refused). */
    public Uni<Integer> dispatchCancellations() {
        return Panache.withSession(() -> WarehouseCancellation.requested(PartnerLink.REST, 50))
                .chain(requested -> Multi.createFrom().iterable(requested)
                        .onItem().transformToUniAndConcatenate(this::cancel)
                        .collect().asList()
                        .map(results -> (int) results.stream().filter(Boolean::booleanValue).count()));
    }

    private Uni<Boolean> cancel(WarehouseCancellation cancellation) {
        String key = cancellation.id + "-cancel-" + cancellation.requestedAt.toEpochMilli();
        return api.cancel(key, cancellation.releaseReference, new AcmeReleaseApi.Cancellation(cancellation.reason))
                .ifNoItem().after(CALL_TIMEOUT).fail()
                .chain(() -> cancellations.confirmed(cancellation.releaseReference, cancellation.partnerId,
                        cancellation.partnerId + " cancelled the release"))
                .replaceWith(true)
                .onFailure().recoverWithUni(failure -> switch (status(failure)) {
                    case 404 -> cancellations.confirmed(cancellation.releaseReference, cancellation.partnerId,
                            cancellation.partnerId + " never received the release").replaceWith(true);
                    case 409 -> cancellations.refused(cancellation.releaseReference, cancellation.partnerId,
                            cancellation.partnerId + " had already shipped the release").replaceWith(true);
                    default -> {
                        LOG.warnf("acme-3pl refused or missed the cancellation of %s: %s", cancellation.releaseReference,
                                failure.getMessage());
                        yield cancellations.failed(cancellation.releaseReference, cancellation.partnerId, failure)
                                .replaceWith(false);
                    }
                });
    }

    private static int status(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse() != null
                ? web.getResponse().getStatus() : -1;
    }
}
