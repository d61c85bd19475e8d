package org.cytotrial.web.report;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cytotrial.exchange.StudyExportService;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.report.Listing;
import org.cytotrial.report.ReportJob;
import org.cytotrial.report.ReportJobs;
import org.cytotrial.report.ReportScope;
import org.cytotrial.report.ReportService;
import org.cytotrial.security.AccessDeniedException;

/**
 * Downloads for the reports page, in the logged-in session (the REST API takes HTTP Basic only):
 * <ul>
 *   <li>{@code /reports/files/job/<id>}: a finished background report, to the user who made it;</li>
 *   <li>{@code /reports/files/<study>/<file>?arm=&site=&cutoff=}: {@code <listing>.csv} or
 *       {@code odm.xml}, made while streaming;</li>
 *   <li>{@code /reports/files/<study>/sdtm.zip}: the SDTM export, always the whole study as the
 *       user may see it (the filters do not apply to the exchange format).</li>
 * </ul>
 * Plain GET links, so that the browser shows its own download progress and nothing is held in
 * page memory. Every request re-checks access and filters in the services.
 */
@WebServlet(ReportFilesServlet.PATH + "/*")
public class ReportFilesServlet extends HttpServlet {

    static final String PATH = "/reports/files";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ReportFilesServlet.class.getName());

    @Inject
    private transient ReportService reports;

    @Inject
    private transient ReportJobs jobs;

    @Inject
    private transient StudyExportService sdtm;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String[] parts = path.split("/");
        try {
            if (parts.length == 3 && parts[1].equals("job")) {
                job(parts[2], response);
            } else if (parts.length == 3) {
                export(parts[1], parts[2], request, response);
            } else {
                throw new NotFoundException("No such download");
            }
        } catch (NotFoundException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, e.getMessage());
        } catch (AccessDeniedException e) {
            response.sendError(e.isAuthenticated() ? HttpServletResponse.SC_FORBIDDEN
                    : HttpServletResponse.SC_UNAUTHORIZED, e.getMessage());
        } catch (InvalidInputException e) {
            response.sendError(422, e.getMessage());
        }
    }

    private void job(String id, HttpServletResponse response) throws IOException {
        ReportJob job = jobs.find(id).filter(j -> j.state() == ReportJob.State.DONE)
                .orElseThrow(() -> new NotFoundException("No finished report " + id));
        start(response, ReportsResource.XLSX, job.fileName());
        response.setContentLengthLong(Files.size(job.file()));
        try (OutputStream out = response.getOutputStream()) {
            Files.copy(job.file(), out);
        }
    }

    private void export(String study, String file, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (file.equals("sdtm.zip")) {
            String code = sdtm.prepareSdtm(study).getCode();
            start(response, "application/zip", code + "-sdtm.zip");
            stream(response, out -> sdtm.writeSdtm(code, out));
            return;
        }
        ReportScope scope = reports.scope(study, values(request, "arm"), values(request, "site"),
                request.getParameter("cutoff"));
        if (file.equals("odm.xml")) {
            start(response, "application/xml; charset=UTF-8", scope.fileStem() + "-odm.xml");
            stream(response, out -> reports.writeOdm(scope, out));
            return;
        }
        Listing listing = file.endsWith(".csv") ? Listing.fromSlug(file.substring(0, file.length() - 4)).orElse(null)
                : null;
        if (listing == null) {
            throw new NotFoundException("No export " + file);
        }
        start(response, "text/csv; charset=UTF-8", scope.fileStem() + "-" + listing.slug() + ".csv");
        stream(response, out -> reports.writeListing(scope, listing, out));
    }

    private static List<String> values(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values == null ? List.of() : Arrays.asList(values);
    }

    private static void start(HttpServletResponse response, String type, String fileName) {
        response.setContentType(type);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void stream(HttpServletResponse response, Body body) throws IOException {
        try (OutputStream out = response.getOutputStream()) {
            body.write(out);
        } catch (RuntimeException e) {
            // the headers are gone: all that can be done is to cut the download short and log why
            LOG.log(Level.SEVERE, "Download failed", e);
            throw e;
        }
    }
}
