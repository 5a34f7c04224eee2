package io.waybill.foundation.testapp;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.foundation.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** Records a scan and its event in one transaction; can be told to fail after the event was appended. */
@Path("/test/parcel-scans")
@PermitAll
public class ParcelScanResource {

    public record ScanRequest(String parcelId, int sequence, boolean failAfterAppend) {
    }

    private final Outbox outbox;

    public ParcelScanResource(Outbox outbox) {
        this.outbox = outbox;
    }

    @POST
    public Uni<Response> scan(ScanRequest request) {
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                        "INSERT INTO parcel_scan (parcel_id, sequence) VALUES (:parcel, :seq)")
                                .setParameter("parcel", request.parcelId())
                                .setParameter("seq", request.sequence())
                                .executeUpdate())
                        .chain(() -> outbox.append(ParcelScanned.TYPE, request.parcelId(),
                                new ParcelScanned(request.parcelId(), request.sequence()),
                                EventContext.start(null, "CUST-TEST")))
                        .invoke(() -> {
                            if (request.failAfterAppend()) {
                                throw new ProblemException(409, "scan-refused", "Scan refused",
                                        "Refused after the event was appended: nothing may survive");
                            }
                        }))
                .map(envelope -> Response.status(201).entity(envelope).build());
    }
}
