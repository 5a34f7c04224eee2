package io.waybill.odoo.rest;

import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.odoo.inbound.AutomationInstaller;
import io.waybill.odoo.inbound.OdooPoller;
import io.waybill.odoo.reconciliation.Reconciliation;
import io.waybill.odoo.writequeue.WriteQueue;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Map;

/** Operator commands for the Odoo integration (scope {@code odoo.sync}). Thin: each delegates to its capability. */
@Path("/odoo")
@RolesAllowed("odoo.sync")
@Produces(MediaType.APPLICATION_JSON)
public class OdooOperationsResource {

    /** State of the write queue: how much waits, and what was set aside for a person. */
    public record WriteQueueStatus(Map<WriteQueue.Status, Long> counts, List<WriteQueue.Entry> failed) {
    }

    private final AutomationInstaller automations;
    private final OdooPoller poller;
    private final Reconciliation reconciliation;
    private final WriteQueue writeQueue;

    public OdooOperationsResource(AutomationInstaller automations, OdooPoller poller, Reconciliation reconciliation,
                                  WriteQueue writeQueue) {
        this.automations = automations;
        this.poller = poller;
        this.reconciliation = reconciliation;
        this.writeQueue = writeQueue;
    }

    @POST
    @Path("/automations")
    @Operation(summary = "Install or update the connector's automation rules (webhooks) in Odoo")
    public Uni<List<AutomationInstaller.InstalledRule>> installAutomations() {
        return automations.install();
    }

    @POST
    @Path("/polls")
    @Operation(summary = "Poll Odoo now for changed customers, products and sales orders")
    public Uni<OdooPoller.Report> pollNow() {
        return poller.pollNow();
    }

    @POST
    @Path("/reconciliations")
    @Operation(summary = "Compare Waybill's view with Odoo's now, repairing what can be repaired")
    public Uni<Reconciliation.Report> reconcileNow() {
        return reconciliation.run();
    }

    @GET
    @Path("/write-queue")
    @Operation(summary = "Pending, applied and failed writes to Odoo")
    public Uni<WriteQueueStatus> writeQueue(@QueryParam("limit") Integer limit) {
        return writeQueue.countsByStatus().chain(counts -> writeQueue.failed(limit == null ? 50 : limit)
                .map(failed -> new WriteQueueStatus(counts, failed)));
    }

    @POST
    @Path("/write-queue/{seq}/retry")
    @Operation(summary = "Put a failed write back into the queue at its place")
    public Uni<Void> retry(@PathParam("seq") long seq) {
        return writeQueue.retry(seq).invoke(retried -> {
            if (!retried) {
                throw ProblemException.notFound("odoo-write", "No failed write #" + seq);
            }
        }).replaceWithVoid();
    }
}
