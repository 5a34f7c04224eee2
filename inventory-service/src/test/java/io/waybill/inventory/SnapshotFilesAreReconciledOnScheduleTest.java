package io.waybill.inventory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.waybill.inventory.reconciliation.ReconciliationReport;
import io.waybill.inventory.reconciliation.SnapshotFiles;
import io.waybill.inventory.support.Inventory.Figures;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.waybill.inventory.support.Inventory.NORTHWIND;
import static io.waybill.inventory.support.Inventory.figures;
import static io.waybill.inventory.support.Inventory.newSku;
import static io.waybill.inventory.support.Inventory.newWarehouse;
import static io.waybill.inventory.support.Inventory.receive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The file-exchange partner's path: snapshot files dropped per warehouse are reconciled and filed away, by the
 * schedule itself (this class runs with the schedule on, every second, over its own snapshot directory).
 */
@QuarkusTest
@TestProfile(SnapshotFilesAreReconciledOnScheduleTest.EverySecond.class)
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class SnapshotFilesAreReconciledOnScheduleTest {

    /** The schedule on, as deployed, but every second, over a directory of this test's own. */
    public static class EverySecond implements QuarkusTestProfile {

        // A fixed path: the profile class is loaded by the test's and the application's class loaders alike, so a
        // random one would differ between them. Warehouse ids are new on every run, so old files do not matter.
        static final Path DIRECTORY = Path.of("target", "scheduled-partner-snapshots").toAbsolutePath();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("waybill.inventory.reconciliation.schedule", "1s",
                    "waybill.inventory.reconciliation.snapshot-directory", DIRECTORY.toString());
        }
    }

    @Inject
    SnapshotFiles snapshotFiles;

    @Test
    void aSnapshotDroppedInTheDirectoryIsReconciledWithoutAnyoneAsking() throws Exception {
        String warehouse = newWarehouse(NORTHWIND);
        String sku = newSku();
        receive(warehouse, sku, "L3", 20);
        Path inbox = Files.createDirectories(EverySecond.DIRECTORY.resolve(warehouse));
        // Written under another name and renamed, as a partner's drop would: the schedule never sees half a file.
        Path partial = Files.writeString(inbox.resolve("count.partial"), "sku,lot,on_hand\n" + sku + ",L3,17\n");
        Files.move(partial, inbox.resolve("2026-11-23-count.csv"));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.exists(inbox.resolve("processed/2026-11-23-count.csv")));
        assertTrue(figures(sku, warehouse).same(Figures.of(17, 0, 17)), "the ledger was corrected to the count");
    }

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
