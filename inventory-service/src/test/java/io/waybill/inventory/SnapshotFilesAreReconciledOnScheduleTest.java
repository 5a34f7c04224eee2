package io.waybill.inventory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.inventory.reconciliation.ReconciliationReport;
import io.waybill.inventory.reconciliation.SnapshotFiles;
import io.waybill.inventory.support.Inventory.Figures;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.waybill.inventory.support.Inventory.NORTHWIND;
import static io.waybill.inventory.support.Inventory.figures;
import static io.waybill.inventory.support.Inventory.newSku;
import static io.waybill.inventory.support.Inventory.newWarehouse;
import static io.waybill.inventory.support.Inventory.receive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file-exchange partner's path: snapshot files dropped per warehouse are reconciled and filed away. */
@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class SnapshotFilesAreReconciledOnScheduleTest {

    @Inject
    SnapshotFiles snapshotFiles;

    @Test
    void aDroppedSnapshotIsReconciledAndMovedToProcessedWhileAnUnreadableOneGoesToFailed() throws Exception {
        String warehouse = newWarehouse(NORTHWIND);
        String sku = newSku();
        receive(warehouse, sku, "L9", 12);
        Path root = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "snapshots-");
        Path inbox = Files.createDirectories(root.resolve(warehouse));
        Files.writeString(inbox.resolve("2026-11-23.csv"), "sku,lot,on_hand\n" + sku + ",L9,10\n");
        Files.writeString(inbox.resolve("2026-11-24.csv"), "sku;lot;on_hand\n" + sku + ";L9;10\n");

        List<ReconciliationReport> reports = snapshotFiles.pickUp(root);

        assertEquals(1, reports.size());
        assertEquals("CORRECTED", reports.get(0).discrepancies().get(0).resolution());
        assertTrue(figures(sku, warehouse).same(Figures.of(10, 0, 10)));
        assertTrue(Files.exists(inbox.resolve("processed/2026-11-23.csv")));
        assertTrue(Files.exists(inbox.resolve("failed/2026-11-24.csv")));
        assertEquals(List.of(), snapshotFiles.pickUp(root), "nothing is reconciled twice");
    }
}
