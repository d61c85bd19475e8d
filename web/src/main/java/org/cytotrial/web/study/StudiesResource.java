package org.cytotrial.web.study;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import org.cytotrial.exchange.ImportSummary;
import org.cytotrial.exchange.StudyExportService;
import org.cytotrial.exchange.StudyImportService;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.security.Role;
import org.cytotrial.study.Study;
import org.cytotrial.study.StudyOverview;
import org.cytotrial.study.StudyService;
import org.cytotrial.web.api.Allowed;

/** Studies: list, details, import from and export to SDTM CSV (zip). */
@Path("studies")
@RequestScoped
public class StudiesResource {

    @Inject
    private StudyService studies;

    @Inject
    private StudyImportService importer;

    @Inject
    private StudyExportService exporter;

    @Inject
    private AccessPolicy access;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
    public List<StudyOverview> list() {
        return studies.visibleStudies();
    }

    @GET
    @Path("{code}")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Allowed({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
    public StudyDetails get(@PathParam("code") String code) {
        Study study = studies.requireVisible(code);
        return StudyDetails.of(study, studies.overview(study, access.requireUser()));
    }

    /**
     * Creates a study from a zip of SDTM CSV files; all or nothing. {@code code} imports it under
     * another study code than the files' STUDYID. Any content type is read: whether the body is a
     * zip is for the import to judge, so a wrongly labelled upload gets the same 422 with its
     * problem as any other bad upload, not a bare 415.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(Role.ADMIN)
    public Response importStudy(InputStream zip, @QueryParam("code") String code, @Context UriInfo uri) {
        ImportSummary summary = importer.importStudy(zip, code, "REST upload");
        return Response.created(uri.getAbsolutePathBuilder().path(summary.study()).build()).entity(summary).build();
    }

    @GET
    @Path("{code}/sdtm.zip")
    @Produces("application/zip")
    @Allowed({Role.ADMIN, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
    public Response exportSdtm(@PathParam("code") String code) {
        Study study = exporter.prepareSdtm(code);
        StreamingOutput body = out -> exporter.writeSdtm(study.getCode(), out);
        return Response.ok(body)
                .header("Content-Disposition", "attachment; filename=\"" + study.getCode() + "-sdtm.zip\"")
                .build();
    }
}
