package org.cytotrial.web.coordinator;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.cytotrial.security.Role;
import org.cytotrial.visit.DashboardService;
import org.cytotrial.web.api.Allowed;

/** The current user's dashboard: studies, visits due this week, overdue visits, missing data. */
@Path("dashboard")
@RequestScoped
public class DashboardResource {

    @Inject
    private DashboardService dashboards;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
    public DashboardService.Dashboard dashboard() {
        return dashboards.dashboard();
    }
}
