package io.waybill.inventory.stock;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.foundation.security.Claims;
import io.waybill.foundation.security.Scopes;
import io.waybill.inventory.adjustment.Receipt;
import io.waybill.inventory.adjustment.Receipts;
import io.waybill.model.inventory.StockPosition;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Stock positions by SKU, warehouse and lot, the ledger that explains them, and receipts. */
@Path("/inventory")
@Produces(MediaType.APPLICATION_JSON)
public class StockPositionsResource {

    private final Receipts receipts;
    private final SecurityIdentity identity;

    public StockPositionsResource(Receipts receipts, SecurityIdentity identity) {
        this.receipts = receipts;
        this.identity = identity;
    }

    /** Books goods into a warehouse; a partner client may only book into its own warehouses. */
    @POST
    @Path("/positions/receipts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.INVENTORY_ADJUST)
    public Uni<StockPosition> receive(@HeaderParam("X-Correlation-Id") String correlationId,
                                      @Valid @NotNull Receipt receipt) {
        return receipts.receive(receipt, Claims.partnerId(identity), EventContext.start(correlationId, null));
    }

    @GET
    @Path("/positions")
    @RolesAllowed(Scopes.INVENTORY_READ)
    @WithSession
    public Uni<List<StockPosition>> positions(@QueryParam("sku") String sku,
                                              @QueryParam("warehouse") String warehouseId) {
        requireSku(sku);
        var query = warehouseId == null
                ? StockPositionEntity.<StockPositionEntity>list("sku = ?1 order by warehouseId, lot nulls first", sku)
                : StockPositionEntity.<StockPositionEntity>list(
                        "sku = ?1 and warehouseId = ?2 order by lot nulls first", sku, warehouseId);
        return StockItemEntity.<StockItemEntity>findById(sku)
                .onItem().ifNull().failWith(() -> unknownSku(sku))
                .chain(item -> query.map(positions -> positions.stream().map(p -> p.toModel(item.unit)).toList()));
    }

    /** The ledger of a SKU (in one warehouse when asked), oldest first: every figure of its positions explained. */
    @GET
    @Path("/movements")
    @RolesAllowed(Scopes.INVENTORY_READ)
    @WithSession
    public Uni<List<StockMovement>> movements(@QueryParam("sku") String sku,
                                              @QueryParam("warehouse") String warehouseId) {
        requireSku(sku);
        var positions = warehouseId == null
                ? StockPositionEntity.<StockPositionEntity>list("sku", sku)
                : StockPositionEntity.<StockPositionEntity>list("sku = ?1 and warehouseId = ?2", sku, warehouseId);
        return positions.chain(found -> {
            Map<Long, StockPositionEntity> byId = found.stream().collect(Collectors.toMap(p -> p.id, p -> p));
            if (byId.isEmpty()) {
                return Uni.createFrom().item(List.<StockMovement>of());
            }
            return StockMovementEntity.<StockMovementEntity>list("positionId in ?1 order by id", byId.keySet())
                    .map(entries -> entries.stream().map(m -> {
                        StockPositionEntity p = byId.get(m.positionId);
                        return new StockMovement(m.id, p.warehouseId, p.sku, p.lot, m.type,
                                Quantities.normalized(m.onHandDelta), Quantities.normalized(m.reservedDelta),
                                m.reference, m.reason, m.partnerId, m.recordedAt.withOffsetSameInstant(ZoneOffset.UTC)
                                .toInstant());
                    }).toList());
        });
    }

    private static void requireSku(String sku) {
        if (sku == null || sku.isBlank()) {
            throw ProblemException.invalidField("sku-required", "sku", "Name the sku");
        }
    }

    private static ProblemException unknownSku(String sku) {
        return ProblemException.invalidField("unknown-sku", "sku", "SKU " + sku + " is not stocked by Waybill inventory");
    }

}
