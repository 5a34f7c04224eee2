package io.waybill.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.waybill.k8s.Chart.Values;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * inventory-service reconciles file-exchange partners' stock snapshots on a schedule where it is deployed: the
 * chart turns the schedule on and gives the snapshot directory a writable volume (the root filesystem is read-only,
 * and reconciled files are moved to processed/ or failed/).
 */
class PartnerSnapshotsAreReconciledOnScheduleTest {

    @ParameterizedTest
    @EnumSource(Values.class)
    void theScheduleIsOnAndTheSnapshotDirectoryIsAWritableVolume(Values values) {
        var config = RenderedObjects.named(values, ConfigMap.class, "waybill-inventory-service").getData();
        assertEquals("15m", config.get("RECONCILIATION_SCHEDULE"));
        String directory = config.get("PARTNER_SNAPSHOT_DIR");
        assertNotNull(directory, "the snapshot directory is set");

        PodSpec pod = RenderedObjects.named(values, Deployment.class, "waybill-inventory-service")
                .getSpec().getTemplate().getSpec();
        VolumeMount mount = pod.getContainers().getFirst().getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals(directory)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + directory));
        assertEquals(null, mount.getReadOnly(), "reconciled files are moved, so the mount is writable");
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                .orElseThrow();
        assertNotNull(volume.getEmptyDir(), "without a claim the directory is an emptyDir");
    }
}
