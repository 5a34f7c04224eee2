package io.waybill.localstack;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunOptionsChooseWhatTheStackStartsTest {

    @Test
    void withoutOptionsEveryServiceRunsAndNoneIsLeftForDevMode() {
        StackOptions options = StackOptions.parse();

        assertEquals(EnumSet.allOf(WaybillService.class), options.servicesToRun());
        assertTrue(options.servicesInDevMode().isEmpty());
        assertFalse(options.fresh());
    }

    @Test
    void infraOnlyRunsNoServiceAndLeavesEveryOneForDevMode() {
        StackOptions options = StackOptions.parse("--infra-only", "--fresh");

        assertTrue(options.servicesToRun().isEmpty());
        assertEquals(EnumSet.allOf(WaybillService.class), options.servicesInDevMode());
        assertTrue(options.fresh());
    }

    @Test
    void withoutLeavesOutExactlyTheNamedServices() {
        StackOptions options = StackOptions.parse("--without=order-service,portal-api");

        assertEquals(Set.of(WaybillService.ORDER, WaybillService.PORTAL), options.servicesInDevMode());
        assertEquals(EnumSet.complementOf(EnumSet.of(WaybillService.ORDER, WaybillService.PORTAL)), options.servicesToRun());
    }

    @Test
    void anUnknownServiceOrOptionIsRefusedWithTheKnownNames() {
        IllegalArgumentException unknownService =
                assertThrows(IllegalArgumentException.class, () -> StackOptions.parse("--without=orders"));
        assertTrue(unknownService.getMessage().contains("order-service"), unknownService.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StackOptions.parse("--infra"));
        assertThrows(IllegalArgumentException.class, () -> StackOptions.parse("--infra-only", "--without=order-service"));
    }

    @Test
    void everyServiceHasItsOwnPortAndDatabase() {
        Set<Integer> ports = new java.util.HashSet<>();
        Set<String> databases = new java.util.HashSet<>();
        for (WaybillService service : WaybillService.values()) {
            assertTrue(ports.add(service.port()), "port " + service.port() + " twice");
            assertTrue(databases.add(service.database()), "database " + service.database() + " twice");
            // EmbeddedPostgresServer creates unquoted lower-case identifiers; "order" would be an SQL keyword.
            assertTrue(service.database().matches("[a-z][a-z0-9_]*") && !service.database().equals("order"));
        }
    }
}
