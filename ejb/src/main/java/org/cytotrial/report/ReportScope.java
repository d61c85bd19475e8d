package org.cytotrial.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.cytotrial.study.ResponseCriteria;

/**
 * What one report covers, resolved and checked: the study, the arms and sites chosen (all of
 * them when none was named), the data cut-off and who asked. Built by {@link ReportService} in the
 * request, so that generating the report needs no request context (it may run in the background).
 *
 * @param cutoff        data cut-off: only data dated on or before it count; null for all data
 * @param pseudonymised true when verbatim terms must be replaced by coded ones (the sponsor's view)
 * @param auditTrail    true when the Excel report adds the audit trail sheet (administrators only,
 *                      checked by {@link ReportService#scope})
 */
public record ReportScope(long studyId, String studyCode, String title, ResponseCriteria criteria, int sdMinDays,
        Double mrLowPercent, List<ArmRef> arms, boolean allArms, List<SiteRef> sites, boolean allSites,
        LocalDate cutoff, boolean pseudonymised, String requestedBy, boolean auditTrail)
        implements java.io.Serializable {

    /** A scope without the audit trail sheet. */
    public ReportScope(long studyId, String studyCode, String title, ResponseCriteria criteria, int sdMinDays,
            Double mrLowPercent, List<ArmRef> arms, boolean allArms, List<SiteRef> sites, boolean allSites,
            LocalDate cutoff, boolean pseudonymised, String requestedBy) {
        this(studyId, studyCode, title, criteria, sdMinDays, mrLowPercent, arms, allArms, sites, allSites, cutoff,
                pseudonymised, requestedBy, false);
    }

    /** The same scope with the audit trail sheet. */
    public ReportScope withAuditTrail() {
        return new ReportScope(studyId, studyCode, title, criteria, sdMinDays, mrLowPercent, arms, allArms, sites,
                allSites, cutoff, pseudonymised, requestedBy, true);
    }

    /** Whether the subjects are narrowed by arm or site (a cut-off aside). */
    public boolean filtersSubjects() {
        return !allArms || !allSites;
    }

    /** An arm of the study. */
    public record ArmRef(long id, String code, String name) implements java.io.Serializable {
    }

    /** A site of the study. */
    public record SiteRef(long id, String code, String name) implements java.io.Serializable {
    }

    public ReportScope {
        Objects.requireNonNull(studyCode, "studyCode");
        Objects.requireNonNull(criteria, "criteria");
        arms = List.copyOf(arms);
        sites = List.copyOf(sites);
    }

    public List<String> armCodes() {
        return arms.stream().map(ArmRef::code).toList();
    }

    public List<String> siteCodes() {
        return sites.stream().map(SiteRef::code).toList();
    }

    /** A file name stem naming the study and the cut-off, e.g. {@code RECIST-DEMO-2019-06-30}. */
    public String fileStem() {
        String safe = studyCode.replaceAll("[^A-Za-z0-9._-]", "_");
        return cutoff == null ? safe : safe + "-" + cutoff;
    }
}
