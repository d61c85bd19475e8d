package org.cytotrial.web.analytics;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.cytotrial.security.Role;
import org.cytotrial.web.api.Allowed;

/** Plots as SVG or PNG files: {@code GET /api/studies/{code}/plots/km.svg?groupBy=arm}. */
@Path("studies")
@ServerTimed
@Allowed({Role.ADMIN, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
@RequestScoped
public class PlotResource {

    @Inject
    private PlotFiles files;

    @GET
    @Path("{code}/plots/{file}")
    @Produces({"image/svg+xml", "image/png", "application/json"})
    public Response plot(@PathParam("code") String code, @PathParam("file") String file,
            @QueryParam("groupBy") String groupBy, @QueryParam("marker") String marker,
            @QueryParam("cutoff") String cutoff, @QueryParam("visitnum") String visitnum,
            @QueryParam("limit") String limit, @QueryParam("download") String download) {
        PlotFiles.File plot = files.render(code, file, groupBy, marker, cutoff, visitnum, limit);
        return Response.ok(plot.bytes(), plot.contentType())
                .header("Content-Disposition", ("true".equals(download) ? "attachment" : "inline") + "; filename=\""
                        + plot.fileName() + "\"")
                .build();
    }
}
