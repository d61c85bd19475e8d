package org.cytotrial.web.report;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.report.Listing;
import org.cytotrial.report.ReportProgress;
import org.cytotrial.report.ReportScope;
import org.cytotrial.report.ReportService;
import org.cytotrial.security.Role;
import org.cytotrial.web.api.Allowed;

/**
 * Report and export downloads of one study, filtered by {@code arm} and {@code site} (repeatable,
 * or comma-separated; none means all) and {@code cutoff} (ISO date); {@code audit=true} adds the
 * audit trail sheet to the Excel report (administrators only, 403 otherwise). Access and the filters are
 * checked before the first byte is sent, so a refusal is a proper 401/403/404/422, never a broken
 * file; the file is then streamed as it is made.
 */
// Same root path as StudiesResource: JAX-RS picks the root class by its path alone, so a
// narrower "studies/{code}" here would hide that class's /studies/{code}/sdtm.zip.
@Path("studies")
@RequestScoped
@Allowed({Role.ADMIN, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
public class ReportsResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    private ReportService reports;

    @GET
    @Path("{code}/report.xlsx")
    @Produces(XLSX)
    public Response workbook(@PathParam("code") String code, @QueryParam("arm") List<String> arms,
            @QueryParam("site") List<String> sites, @QueryParam("cutoff") String cutoff,
            @QueryParam("audit") String audit) {
        ReportScope scope = reports.scope(code, arms, sites, cutoff, flag("audit", audit));
        StreamingOutput body = out -> reports.writeWorkbook(scope, out, new ReportProgress());
        return download(body, scope.fileStem() + "-report.xlsx", XLSX);
    }

    @GET
    @Path("{code}/listings/{name}.csv")
    @Produces("text/csv")
    public Response listing(@PathParam("code") String code, @PathParam("name") String name,
            @QueryParam("arm") List<String> arms, @QueryParam("site") List<String> sites,
            @QueryParam("cutoff") String cutoff) {
        Listing listing = Listing.fromSlug(name).orElseThrow(() -> new NotFoundException("No listing '" + name
                + "'; there are subjects, visits, responses and adverse-events"));
        ReportScope scope = reports.scope(code, arms, sites, cutoff);
        StreamingOutput body = out -> reports.writeListing(scope, listing, out);
        return download(body, scope.fileStem() + "-" + listing.slug() + ".csv", "text/csv; charset=UTF-8");
    }

    @GET
    @Path("{code}/odm.xml")
    @Produces("application/xml")
    public Response odm(@PathParam("code") String code, @QueryParam("arm") List<String> arms,
            @QueryParam("site") List<String> sites, @QueryParam("cutoff") String cutoff) {
        ReportScope scope = reports.scope(code, arms, sites, cutoff);
        StreamingOutput body = out -> reports.writeOdm(scope, out);
        return download(body, scope.fileStem() + "-odm.xml", "application/xml; charset=UTF-8");
    }

    /** A yes/no query parameter: {@code true} or {@code false}, absent meaning false; anything else is refused. */
    static boolean flag(String name, String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("false")) {
            return false;
        }
        if (value.strip().equalsIgnoreCase("true")) {
            return true;
        }
        throw new InvalidInputException(name, "'" + value + "' is not accepted; accepted: true or false");
    }

    private static Response download(StreamingOutput body, String fileName, String type) {
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .build();
    }
}
