package org.cytotrial.web.report;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.report.ReportJob;
import org.cytotrial.report.ReportJobs;
import org.cytotrial.report.ReportScope;
import org.cytotrial.report.ReportService;
import org.cytotrial.security.AccessDeniedException;
import org.cytotrial.study.StudyOverview;
import org.cytotrial.study.StudyService;

/**
 * The reports page (reports.xhtml): choose a study, arms, sites and a data cut-off; create the
 * Excel report in the background and watch its progress; download it and the other exports.
 * The filters are checked by the report service on every change, so the download links only
 * ever carry a scope the user may have.
 */
@Named
@ViewScoped
public class ReportsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient StudyService studies;

    @Inject
    private transient ReportService reports;

    @Inject
    private transient ReportJobs jobs;

    private List<StudyOverview> visible;
    private String studyCode;
    private List<String> arms = new ArrayList<>();
    private List<String> sites = new ArrayList<>();
    private LocalDate cutoff;
    private boolean auditTrail;
    private ReportScope scope;
    private String jobId;

    /** Page parameter: a study to preselect. */
    public void init() {
        if (studyCode == null && !getStudies().isEmpty()) {
            studyCode = getStudies().get(0).code();
        }
        check();
    }

    public List<StudyOverview> getStudies() {
        if (visible == null) {
            visible = studies.visibleStudies();
        }
        return visible;
    }

    public Optional<StudyOverview> study() {
        return getStudies().stream().filter(s -> s.code().equals(studyCode)).findFirst();
    }

    public List<String> getStudyArms() {
        return study().map(StudyOverview::arms).orElse(List.of());
    }

    public List<String> getStudySites() {
        return study().map(StudyOverview::sites).orElse(List.of());
    }

    public void studyChanged() {
        arms = new ArrayList<>();
        sites = new ArrayList<>();
        jobId = null;
        check();
    }

    /** Validates the filters with the service (as the downloads will) and keeps the scope. */
    public void check() {
        scope = null;
        if (studyCode == null) {
            return;
        }
        try {
            scope = reports.scope(studyCode, arms, sites, cutoff == null ? null : cutoff.toString(), auditTrail);
        } catch (InvalidInputException e) {
            e.getErrors().forEach(error -> message(FacesMessage.SEVERITY_ERROR, error.field() + ": " + error.message()));
        } catch (AccessDeniedException | NotFoundException e) {
            message(FacesMessage.SEVERITY_ERROR, e.getMessage());
        }
    }

    /** Starts the Excel report in the background. */
    public void createReport() {
        check();
        if (scope != null) {
            jobId = jobs.start(scope).id();
        }
    }

    public ReportJob getJob() {
        return jobId == null ? null : jobs.find(jobId).orElse(null);
    }

    public boolean isRunning() {
        ReportJob job = getJob();
        return job != null && !job.isFinished();
    }

    /** Link to a finished report. */
    public String getReportUrl() {
        return jobId == null ? null : ReportFilesServlet.PATH + "/job/" + jobId;
    }

    /**
     * Link to the SDTM zip: always the whole study as the user may see it (the exchange format
     * carries every record, so the page's arm, site and cut-off filters do not apply to it).
     */
    public String getSdtmUrl() {
        return scope == null ? null : ReportFilesServlet.PATH + '/' + encode(scope.studyCode()) + "/sdtm.zip";
    }

    /** Link to a filtered export of the current scope, e.g. {@code subjects.csv}, {@code odm.xml}. */
    public String exportUrl(String file) {
        if (scope == null) {
            return null;
        }
        StringBuilder url = new StringBuilder(ReportFilesServlet.PATH).append('/')
                .append(encode(scope.studyCode())).append('/').append(file).append('?');
        if (!scope.allArms()) {
            scope.armCodes().forEach(a -> url.append("arm=").append(encode(a)).append('&'));
        }
        if (!sites.isEmpty()) {
            scope.siteCodes().forEach(s -> url.append("site=").append(encode(s)).append('&'));
        }
        if (scope.cutoff() != null) {
            url.append("cutoff=").append(scope.cutoff()).append('&');
        }
        return url.substring(0, url.length() - 1);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }

    public ReportScope getScope() {
        return scope;
    }

    public String getStudyCode() {
        return studyCode;
    }

    public void setStudyCode(String studyCode) {
        this.studyCode = studyCode;
    }

    public List<String> getArms() {
        return arms;
    }

    public void setArms(List<String> arms) {
        this.arms = arms == null ? new ArrayList<>() : new ArrayList<>(arms);
    }

    public List<String> getSites() {
        return sites;
    }

    public void setSites(List<String> sites) {
        this.sites = sites == null ? new ArrayList<>() : new ArrayList<>(sites);
    }

    /** Whether the Excel report adds the audit trail sheet (the box shows for administrators only; the service checks). */
    public boolean isAuditTrail() {
        return auditTrail;
    }

    public void setAuditTrail(boolean auditTrail) {
        this.auditTrail = auditTrail;
    }

    public LocalDate getCutoff() {
        return cutoff;
    }

    public void setCutoff(LocalDate cutoff) {
        this.cutoff = cutoff;
    }
}
