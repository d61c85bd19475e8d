package org.cytotrial.web.platform;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.cytotrial.platform.AppInfo;
import org.cytotrial.web.api.Allowed;

/** Liveness for operators and load balancers; no authentication. 503 when the database is unreachable. */
@Path("health")
@RequestScoped
public class HealthResource {

    public record Health(String status, String version, String database, boolean demo) {}

    @Inject
    private AppInfo app;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(anonymous = true)
    public Response health() {
        String database = app.database();
        boolean up = !database.equals("unavailable");
        return Response.status(up ? 200 : 503)
                .entity(new Health(up ? "UP" : "DOWN", app.version(), database, AppInfo.isDemoMode()))
                .build();
    }
}
