package org.cytotrial.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cytotrial.analysis.KaplanMeier;
import org.cytotrial.analysis.LogRank;
import org.cytotrial.analysis.LogRankResult;
import org.cytotrial.analysis.ResponseTally;
import org.cytotrial.analysis.SurvivalTally;
import org.cytotrial.marker.MarkerService;
import org.cytotrial.platform.InvalidInputException;

/**
 * Response and PFS per arm, and PFS compared between arms or marker groups (DOMAIN.md rules
 * 1-5). Subjects stream past once; each arm keeps counts only (a response tally and survival
 * counts per distinct day), so memory does not grow with the number of subjects.
 */
@ApplicationScoped
@Transactional
public class OutcomeAnalytics {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private AnalyticsAccess access;

    @Inject
    private AnalyticsCache cache;

    @Inject
    private MarkerService markers;

    public StudySummary summary(String studyCode) {
        StudyScope scope = access.open(studyCode);
        return cache.get(scope, "summary", () -> computeSummary(scope));
    }

    public PfsComparison pfs(String studyCode, PfsGrouping grouping) {
        StudyScope scope = access.open(studyCode);
        PfsGrouping canonical = grouping.byArm() ? grouping
                : grouping.withMarker(Validation.requireMarker(markers.catalogue(), "marker", grouping.marker()));
        return cache.get(scope, "pfs:" + canonical.cacheKey(), () -> computePfs(scope, canonical));
    }

    StudySummary computeSummary(StudyScope scope) {
        Map<Long, ResponseTally> responses = new LinkedHashMap<>();
        Map<Long, SurvivalTally> pfs = new LinkedHashMap<>();
        for (ArmRef arm : scope.arms()) {
            responses.put(arm.id(), new ResponseTally());
            pfs.put(arm.id(), new SurvivalTally());
        }
        SubjectOutcomes.stream(em, scope, null, subject -> {
            if (!subject.treated() || subject.armId() == null || !responses.containsKey(subject.armId())) {
                return;
            }
            responses.get(subject.armId()).add(subject.bor());
            pfs.get(subject.armId()).add(subject.pfs().days(), subject.pfs().event());
        });
        List<ArmSummary> arms = new ArrayList<>();
        for (ArmRef arm : scope.arms()) {
            arms.add(new ArmSummary(arm, responses.get(arm.id()).summary(),
                    KaplanMeier.estimate(pfs.get(arm.id())).summary().inMonths()));
        }
        return new StudySummary(scope, arms);
    }

    PfsComparison computePfs(StudyScope scope, PfsGrouping grouping) {
        Map<String, SurvivalTally> groups = new LinkedHashMap<>();
        if (grouping.byArm()) {
            scope.arms().forEach(arm -> groups.put(arm.code(), new SurvivalTally()));
        } else {
            groups.put(grouping.aboveLabel(), new SurvivalTally());
            groups.put(grouping.restLabel(), new SurvivalTally());
        }
        SubjectOutcomes.MarkerAt marker = grouping.byArm() ? null
                : new SubjectOutcomes.MarkerAt(grouping.marker(), grouping.visitNumber());
        SubjectOutcomes.stream(em, scope, marker, subject -> {
            if (!subject.treated()) {
                return;
            }
            String group;
            if (grouping.byArm()) {
                group = subject.armId() == null ? null : scope.arm(subject.armId()).map(ArmRef::code).orElse(null);
            } else if (subject.markerValue() == null) {
                group = null;
            } else {
                group = subject.markerValue() > grouping.cutoff() ? grouping.aboveLabel() : grouping.restLabel();
            }
            if (group != null) {
                groups.get(group).add(subject.pfs().days(), subject.pfs().event());
            }
        });
        List<SurvivalGroup> curves = new ArrayList<>();
        groups.forEach((name, tally) -> {
            KaplanMeier km = KaplanMeier.estimate(tally);
            curves.add(new SurvivalGroup(name, km.summary().inMonths(), km.table()));
        });
        LogRankResult logRank = LogRank.testTallies(groups);
        return new PfsComparison(grouping, curves, logRank);
    }

    /** For parameters that must name an arm of the study. */
    static ArmRef requireArm(StudyScope scope, String field, String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidInputException(field, "an arm code is required; the study's arms are "
                    + scope.arms().stream().map(ArmRef::code).toList());
        }
        return scope.arm(code.strip()).orElseThrow(() -> new InvalidInputException(field, "'" + code
                + "' is not an arm of study " + scope.code() + "; its arms are "
                + scope.arms().stream().map(ArmRef::code).toList()));
    }
}
