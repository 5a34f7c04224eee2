package io.waybill.foundation.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while the relay cannot hand committed events to the broker. The connector's own channel checks can stay
 * green while an emitter is stuck (no send attempted, nothing to report); this check looks at what matters to the
 * business: events that should have left the service and have not. A service whose readiness does not include
 * messaging ({@code waybill.health.readiness-includes-messaging=false}) stays UP and shows the same data.
 */
@Readiness
@ApplicationScoped
public class OutboxReadiness implements HealthCheck {

    private final OutboxRelay relay;
    private final boolean includesMessaging;

    public OutboxReadiness(OutboxRelay relay,
                           @ConfigProperty(name = "waybill.health.readiness-includes-messaging", defaultValue = "true")
                           boolean includesMessaging) {
        this.relay = relay;
        this.includesMessaging = includesMessaging;
    }

    @Override
    public HealthCheckResponse call() {
        boolean stuck = relay.consecutiveFailures() > 0 && relay.pending() > 0;
        var response = HealthCheckResponse.named("outbox relay")
                .withData("pending", relay.pending())
                .withData("oldestPendingSeconds", relay.oldestPendingSeconds())
                .withData("consecutiveFailures", relay.consecutiveFailures());
        if (relay.lastError() != null) {
            response.withData("lastError", relay.lastError());
        }
        return response.status(!(stuck && includesMessaging)).build();
    }
}
