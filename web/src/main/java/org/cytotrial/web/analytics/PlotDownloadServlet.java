package org.cytotrial.web.analytics;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.security.AccessDeniedException;

/**
 * Plot downloads for the pages: {@code /plots/{study}/{kind}.{svg|png}}, with the logged-in
 * session (the REST API accepts HTTP Basic only, so pages cannot link to it). Read-only, so a
 * link from elsewhere can at most make the browser download a picture its user may see.
 */
@WebServlet("/plots/*")
public class PlotDownloadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(PlotDownloadServlet.class.getName());

    @Inject
    private transient PlotFiles files;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String[] parts = path.split("/");
        if (parts.length != 3) {
            response.sendError(404, "Use /plots/{study}/{kind}.svg or .png");
            return;
        }
        try {
            PlotFiles.File plot = files.render(parts[1], parts[2], request.getParameter("groupBy"),
                    request.getParameter("marker"), request.getParameter("cutoff"), request.getParameter("visitnum"),
                    request.getParameter("limit"));
            response.setContentType(plot.contentType());
            response.setHeader("Content-Disposition", "attachment; filename=\"" + plot.fileName() + "\"");
            response.setContentLength(plot.bytes().length);
            response.getOutputStream().write(plot.bytes());
        } catch (RuntimeException e) {
            fail(response, e);
        }
    }

    private static void fail(HttpServletResponse response, RuntimeException thrown) throws IOException {
        Throwable e = thrown;
        while (e.getCause() != null && !(e instanceof InvalidInputException || e instanceof NotFoundException
                || e instanceof AccessDeniedException)) {
            e = e.getCause();
        }
        if (e instanceof InvalidInputException invalid) {
            response.sendError(422, invalid.getMessage());
        } else if (e instanceof NotFoundException) {
            response.sendError(404, e.getMessage());
        } else if (e instanceof AccessDeniedException) {
            response.sendError(403, e.getMessage());
        } else {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Incident " + incident, thrown);
            response.sendError(500, "Internal error; incident " + incident + " is in the server log");
        }
    }
}
