package org.cytotrial.web.audit;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.cytotrial.audit.AuditEntry;
import org.cytotrial.audit.AuditFilter;
import org.cytotrial.audit.AuditScope;
import org.cytotrial.audit.AuditTrailService;
import org.cytotrial.platform.NotFoundException;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The audit trail page (audit/trail.xhtml?study=…[&amp;subject=…[&amp;visit=…]]): every change,
 * newest first, paged from the database, with filters and a CSV download of the whole trail.
 */
@Named
@ViewScoped
public class TrailBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    private transient AuditTrailService trail;

    private String study;
    private String subject;
    private BigDecimal visit;
    private LocalDate from;
    private LocalDate to;
    private String user;
    private boolean changesOnly;
    private AuditScope scope;
    private final Entries entries = new Entries();

    /** Checks access once when the page opens: 404 or 403 instead of an empty table. */
    public void open() {
        if (study == null || study.isBlank()) {
            throw new NotFoundException("Open the audit trail from a study, a subject or a visit");
        }
        String who = subject == null || subject.isBlank() ? null : subject.strip();
        scope = new AuditScope(study, who, who == null ? null : visit);
        trail.requireReadable(scope);
    }

    /** Streams the whole trail (with the current filters) as CSV. */
    public void export() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        external.responseReset();
        external.setResponseContentType("text/csv; charset=UTF-8");
        external.setResponseHeader("Content-Disposition", "attachment; filename=\"" + AuditTrailResource.fileName(scope) + "\"");
        trail.writeCsv(scope, filter(), external.getResponseOutputStream());
        faces.responseComplete();
    }

    AuditFilter filter() {
        return new AuditFilter(from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), user, changesOnly, null, null);
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public String title() {
        if (scope == null) {
            return "";
        }
        return switch (scope.level()) {
            case STUDY -> "study " + scope.studyCode();
            case SUBJECT -> "subject " + scope.usubjid() + " (study " + scope.studyCode() + ")";
            case VISIT -> "visit " + scope.visitNumber().stripTrailingZeros().toPlainString() + " of subject "
                    + scope.usubjid() + " (study " + scope.studyCode() + ")";
        };
    }

    public LazyDataModel<AuditEntry> getEntries() {
        return entries;
    }

    /** The trail, one page at a time; the filters of the form above the table apply. */
    private final class Entries extends LazyDataModel<AuditEntry> {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, trail.count(scope, filter()));
        }

        @Override
        public List<AuditEntry> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            return trail.page(scope, filter(), first, Math.min(pageSize, AuditTrailService.MAX_PAGE)).entries();
        }

        @Override
        public String getRowKey(AuditEntry entry) {
            return entry.entity() + "/" + entry.recordKey() + "/" + entry.revision();
        }

        @Override
        public AuditEntry getRowData(String rowKey) {
            return null;
        }
    }

    public String getStudy() {
        return study;
    }

    public void setStudy(String study) {
        this.study = study;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public BigDecimal getVisit() {
        return visit;
    }

    public void setVisit(BigDecimal visit) {
        this.visit = visit;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public boolean isChangesOnly() {
        return changesOnly;
    }

    public void setChangesOnly(boolean changesOnly) {
        this.changesOnly = changesOnly;
    }

    public AuditScope getScope() {
        return scope;
    }
}
