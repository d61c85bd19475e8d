package org.cytotrial.web.analytics;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.cytotrial.analysis.MarkerSummary;
import org.cytotrial.analytics.AnalyticsAccess;
import org.cytotrial.analytics.ArmRef;
import org.cytotrial.analytics.MannWhitneyOutcome;
import org.cytotrial.analytics.MarkerAnalytics;
import org.cytotrial.analytics.MarkerFilter;
import org.cytotrial.analytics.OutcomeAnalytics;
import org.cytotrial.analytics.PfsComparison;
import org.cytotrial.analytics.PfsGrouping;
import org.cytotrial.analytics.PlotKind;
import org.cytotrial.analytics.PlotRequest;
import org.cytotrial.analytics.PlotService;
import org.cytotrial.analytics.SpearmanOutcome;
import org.cytotrial.analytics.Validation;
import org.cytotrial.analytics.VisitOption;
import org.cytotrial.plot.SvgRenderer;

/**
 * The marker explorer (analytics/explorer.xhtml): summaries of the chosen markers per arm and
 * visit with their time courses, Spearman between two markers at a visit, Mann-Whitney between
 * two arms, and PFS split by a marker cut-off (the IL-6 &gt; 4 pg/mL question of the papers).
 */
@Named
@ViewScoped
public class MarkerExplorerBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int MAX_COURSES = 4;

    @Inject
    private transient MarkerAnalytics markers;

    @Inject
    private transient OutcomeAnalytics outcomes;

    @Inject
    private transient PlotService plots;

    @Inject
    private transient AnalyticsAccess access;

    private String study;
    private List<String> tests = List.of();
    private List<VisitOption> visits = List.of();
    private List<String> arms = List.of();

    private List<String> selected = new ArrayList<>();
    private String visitFilter;
    private boolean includeDerived;
    private transient List<MarkerSummary> summaries;
    private List<String> courses = List.of();

    private String x;
    private String y;
    private String spearmanVisit = "1";
    private String spearmanArm;
    private transient SpearmanOutcome spearman;

    private String test;
    private String mwVisit = "1";
    private String arm1;
    private String arm2;
    private transient MannWhitneyOutcome mannWhitney;

    private String pfsMarker;
    private String cutoff;
    private String pfsVisit = "1";
    private transient PfsComparison pfs;
    private String pfsPlot;

    public void load() {
        try {
            tests = markers.tests(study);
            visits = markers.visits(study);
            arms = access.open(study).arms().stream().map(ArmRef::code).toList();
            String first = tests.isEmpty() ? null : tests.get(0);
            String il6 = tests.contains("IL6") ? "IL6" : first;
            selected = new ArrayList<>(il6 == null ? List.of() : List.of(il6));
            x = il6;
            y = tests.contains("HGB") ? "HGB" : first;
            test = tests.contains("HGB") ? "HGB" : first;
            arm1 = arms.isEmpty() ? null : arms.get(0);
            arm2 = arms.size() < 2 ? null : arms.get(1);
            pfsMarker = il6;
            cutoff = "IL6".equals(il6) ? "4" : null;
            summarise();
        } catch (RuntimeException e) {
            PageErrors.show(e);
        }
    }

    public void summarise() {
        try {
            summaries = markers.summaries(study, new MarkerFilter(selected, includeDerived));
            if (visitFilter != null && !visitFilter.isBlank()) {
                double visit = new BigDecimal(visitFilter).doubleValue();
                summaries = summaries.stream().filter(m -> m.visitNum() == visit).toList();
            }
            List<String> drawn = new ArrayList<>();
            for (String code : selected.subList(0, Math.min(MAX_COURSES, selected.size()))) {
                drawn.add(SvgRenderer.render(plots.plot(study, new PlotRequest(PlotKind.MARKER, null, code, 0))));
            }
            courses = drawn;
        } catch (RuntimeException e) {
            PageErrors.show(e);
        }
    }

    public void correlate() {
        spearman = null;
        try {
            spearman = markers.spearman(study, x, y, Validation.visitNumber("visit", spearmanVisit, BigDecimal.ONE),
                    spearmanArm);
        } catch (RuntimeException e) {
            PageErrors.show(e);
        }
    }

    public void compare() {
        mannWhitney = null;
        try {
            mannWhitney = markers.mannWhitney(study, test, Validation.visitNumber("visit", mwVisit, BigDecimal.ONE),
                    arm1, arm2);
        } catch (RuntimeException e) {
            PageErrors.show(e);
        }
    }

    public void split() {
        pfs = null;
        pfsPlot = null;
        try {
            PfsGrouping grouping = AnalyticsResource.grouping("marker", pfsMarker, cutoff, pfsVisit);
            pfs = outcomes.pfs(study, grouping);
            pfsPlot = SvgRenderer.render(plots.plot(study, new PlotRequest(PlotKind.KM, grouping, null, 0)));
        } catch (RuntimeException e) {
            PageErrors.show(e);
        }
    }

    public List<MarkerSummary> getSummaries() {
        return summaries == null ? List.of() : summaries;
    }

    public List<String> getCourses() {
        return courses;
    }

    public SpearmanOutcome getSpearman() {
        return spearman;
    }

    public MannWhitneyOutcome getMannWhitney() {
        return mannWhitney;
    }

    public PfsComparison getPfs() {
        return pfs;
    }

    public String getPfsPlot() {
        return pfsPlot;
    }

    public String getStudy() {
        return study;
    }

    public void setStudy(String study) {
        this.study = study;
    }

    public List<String> getTests() {
        return tests;
    }

    public List<VisitOption> getVisits() {
        return visits;
    }

    public List<String> getArms() {
        return arms;
    }

    public List<String> getSelected() {
        return selected;
    }

    public void setSelected(List<String> selected) {
        this.selected = selected == null ? new ArrayList<>() : new ArrayList<>(selected);
    }

    public String getVisitFilter() {
        return visitFilter;
    }

    public void setVisitFilter(String visitFilter) {
        this.visitFilter = visitFilter;
    }

    public boolean isIncludeDerived() {
        return includeDerived;
    }

    public void setIncludeDerived(boolean includeDerived) {
        this.includeDerived = includeDerived;
    }

    public String getX() {
        return x;
    }

    public void setX(String x) {
        this.x = x;
    }

    public String getY() {
        return y;
    }

    public void setY(String y) {
        this.y = y;
    }

    public String getSpearmanVisit() {
        return spearmanVisit;
    }

    public void setSpearmanVisit(String spearmanVisit) {
        this.spearmanVisit = spearmanVisit;
    }

    public String getSpearmanArm() {
        return spearmanArm;
    }

    public void setSpearmanArm(String spearmanArm) {
        this.spearmanArm = spearmanArm;
    }

    public String getTest() {
        return test;
    }

    public void setTest(String test) {
        this.test = test;
    }

    public String getMwVisit() {
        return mwVisit;
    }

    public void setMwVisit(String mwVisit) {
        this.mwVisit = mwVisit;
    }

    public String getArm1() {
        return arm1;
    }

    public void setArm1(String arm1) {
        this.arm1 = arm1;
    }

    public String getArm2() {
        return arm2;
    }

    public void setArm2(String arm2) {
        this.arm2 = arm2;
    }

    public String getPfsMarker() {
        return pfsMarker;
    }

    public void setPfsMarker(String pfsMarker) {
        this.pfsMarker = pfsMarker;
    }

    public String getCutoff() {
        return cutoff;
    }

    public void setCutoff(String cutoff) {
        this.cutoff = cutoff;
    }

    public String getPfsVisit() {
        return pfsVisit;
    }

    public void setPfsVisit(String pfsVisit) {
        this.pfsVisit = pfsVisit;
    }
}
