package io.waybill.foundation.testapp;

import io.waybill.foundation.security.RateLimited;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** A partner endpoint of the test application, rate-limited like the real ones. */
@Path("/test/hub-pings")
@RateLimited
public class HubPingResource {

    @POST
    @RolesAllowed("shipments.tracking.write")
    public String ping() {
        return "pong";
    }
}
