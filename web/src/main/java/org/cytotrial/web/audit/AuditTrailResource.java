package org.cytotrial.web.audit;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.cytotrial.audit.AuditFilter;
import org.cytotrial.audit.AuditPage;
import org.cytotrial.audit.AuditScope;
import org.cytotrial.audit.AuditTrailService;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.security.Role;
import org.cytotrial.web.api.Allowed;

/**
 * The audit trail of a study, or of one subject ({@code ?subject=}) or one visit
 * ({@code &visit=}): JSON pages newest first, or the whole trail as CSV. Read-only: there is no
 * endpoint that changes or deletes audit records.
 */
@Path("studies/{code}/audit-trail")
@RequestScoped
public class AuditTrailResource {

    @Inject
    private AuditTrailService trail;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.MONITOR})
    public AuditPage page(@PathParam("code") String code, @QueryParam("subject") String subject,
            @QueryParam("visit") String visit, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("user") String user, @QueryParam("changesOnly") boolean changesOnly,
            @QueryParam("first") @DefaultValue("0") int first, @QueryParam("max") @DefaultValue("100") int max) {
        return trail.page(scope(code, subject, visit), filter(from, to, user, changesOnly), first, max);
    }

    @GET
    @Path("export.csv")
    @Produces("text/csv")
    @Allowed({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.MONITOR})
    public Response csv(@PathParam("code") String code, @QueryParam("subject") String subject,
            @QueryParam("visit") String visit, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("user") String user, @QueryParam("changesOnly") boolean changesOnly) {
        AuditScope scope = scope(code, subject, visit);
        AuditFilter filter = filter(from, to, user, changesOnly);
        trail.requireReadable(scope);
        StreamingOutput body = out -> trail.writeCsv(scope, filter, out);
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName(scope) + "\"")
                .build();
    }

    static String fileName(AuditScope scope) {
        String name = "audit-trail-" + scope.studyCode()
                + (scope.usubjid() == null ? "" : "-" + scope.usubjid())
                + (scope.visitNumber() == null ? "" : "-V" + scope.visitNumber().stripTrailingZeros().toPlainString());
        return name.replaceAll("[^A-Za-z0-9._-]", "_") + ".csv";
    }

    static AuditScope scope(String code, String subject, String visit) {
        if (visit != null && !visit.isBlank()) {
            if (subject == null || subject.isBlank()) {
                throw new InvalidInputException("visit", "a visit's audit trail needs the subject as well (?subject=…)");
            }
            try {
                return AuditScope.visit(code, subject, new BigDecimal(visit.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("visit", "'" + visit + "' is not a visit number (VISITNUM, e.g. 3 or 3.1)");
            }
        }
        return subject == null || subject.isBlank() ? AuditScope.study(code) : AuditScope.subject(code, subject);
    }

    static AuditFilter filter(String from, String to, String user, boolean changesOnly) {
        return new AuditFilter(instant("from", from, false), instant("to", to, true), user, changesOnly, null, null);
    }

    /** An ISO instant, or a date meaning its start (from) or the start of the next day (to), UTC. */
    private static Instant instant(String field, String text, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (text.length() <= 10) {
                LocalDate date = LocalDate.parse(text.strip());
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + text + "' is not an ISO 8601 date (2024-06-30) or instant"
                    + " (2024-06-30T12:00:00Z)");
        }
    }
}
