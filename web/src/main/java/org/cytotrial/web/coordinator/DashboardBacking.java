package org.cytotrial.web.coordinator;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.cytotrial.visit.DashboardService;

/** The coordinator's dashboard (coordinator/dashboard.xhtml). */
@Named
@RequestScoped
public class DashboardBacking {

    @Inject
    private DashboardService dashboards;

    private DashboardService.Dashboard dashboard;

    public DashboardService.Dashboard getDashboard() {
        if (dashboard == null) {
            dashboard = dashboards.dashboard();
        }
        return dashboard;
    }
}
