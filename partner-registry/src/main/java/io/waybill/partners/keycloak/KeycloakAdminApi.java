package io.waybill.partners.keycloak;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.Map;

/** The part of Keycloak's admin REST API that onboarding needs, for one realm. */
@RegisterRestClient(configKey = "keycloak-admin")
@Path("/admin/realms/{realm}/clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface KeycloakAdminApi {

    record ClientRepresentation(String id, String clientId, String name, String description, Boolean enabled,
                                Boolean publicClient, Boolean serviceAccountsEnabled, Boolean standardFlowEnabled,
                                Boolean directAccessGrantsEnabled, Boolean fullScopeAllowed,
                                String clientAuthenticatorType, List<String> defaultClientScopes,
                                List<String> optionalClientScopes, List<ProtocolMapper> protocolMappers,
                                Map<String, String> attributes) {
    }

    record ProtocolMapper(String name, String protocol, String protocolMapper, Map<String, String> config) {
    }

    record Secret(String type, String value) {
    }

    @POST
    Uni<Response> create(@HeaderParam("Authorization") String bearer, @PathParam("realm") String realm,
                         ClientRepresentation client);

    @GET
    Uni<List<ClientRepresentation>> findByClientId(@HeaderParam("Authorization") String bearer,
                                                   @PathParam("realm") String realm,
                                                   @QueryParam("clientId") String clientId);

    @PUT
    @Path("/{id}")
    Uni<Response> update(@HeaderParam("Authorization") String bearer, @PathParam("realm") String realm,
                         @PathParam("id") String id, ClientRepresentation client);

    @GET
    @Path("/{id}/client-secret")
    Uni<Secret> secret(@HeaderParam("Authorization") String bearer, @PathParam("realm") String realm,
                       @PathParam("id") String id);

    @POST
    @Path("/{id}/client-secret")
    Uni<Secret> regenerateSecret(@HeaderParam("Authorization") String bearer, @PathParam("realm") String realm,
                                 @PathParam("id") String id);
}
