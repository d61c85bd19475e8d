package org.cytotrial.web.marker;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.cytotrial.marker.MarkerDefinition;
import org.cytotrial.marker.MarkerService;
import org.cytotrial.marker.MarkerView;
import org.cytotrial.security.Role;
import org.cytotrial.web.api.Allowed;

/** The marker catalogue: codes, units with their conversion factors, plausible ranges. */
@Path("markers")
@RequestScoped
public class MarkersResource {

    @Inject
    private MarkerService markers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
    public List<MarkerView> list() {
        return markers.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(Role.ADMIN)
    public Response define(MarkerDefinition definition, @HeaderParam("X-Change-Reason") String reason, @Context UriInfo uri) {
        MarkerView created = markers.define(definition == null
                ? new MarkerDefinition(null, null, null, null, null, null, null) : definition, reason);
        return Response.created(uri.getAbsolutePathBuilder().path(created.code()).build()).entity(created).build();
    }
}
