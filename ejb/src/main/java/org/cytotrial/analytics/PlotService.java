package org.cytotrial.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.cytotrial.analysis.MarkerSummary;
import org.cytotrial.analysis.StudyDay;
import org.cytotrial.analysis.SurvivalRow;
import org.cytotrial.marker.Marker;
import org.cytotrial.marker.MarkerService;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.plot.KaplanMeierChart;
import org.cytotrial.plot.MarkerCourseChart;
import org.cytotrial.plot.Plot;
import org.cytotrial.plot.SpiderChart;
import org.cytotrial.plot.SwimmerChart;
import org.cytotrial.plot.WaterfallChart;
import org.cytotrial.response.ResponseCategory;
import org.cytotrial.study.ResponseCriteria;

/**
 * The data behind each plot, from the same services as the numbers, so that a curve and the
 * table beside it can never disagree. Per-subject plots keep at most {@link PlotRequest#limit()}
 * subjects (the first in DM order, or the longest on study for the swimmer plot) and say so.
 */
@ApplicationScoped
@Transactional
public class PlotService {

    @Inject
    private AnalyticsAccess access;

    @Inject
    private OutcomeAnalytics outcomes;

    @Inject
    private MarkerAnalytics markers;

    @Inject
    private ResponseAnalytics responses;

    @Inject
    private MarkerService catalogue;

    public Plot plot(String studyCode, PlotRequest request) {
        return switch (request.kind()) {
            case KM -> kaplanMeier(studyCode, request.grouping());
            case WATERFALL -> waterfall(access.open(studyCode), request.limit());
            case SPIDER -> spider(access.open(studyCode), request.limit());
            case SWIMMER -> swimmer(access.open(studyCode), request.limit());
            case MARKER -> markerCourse(studyCode, request.marker());
        };
    }

    private Plot kaplanMeier(String studyCode, PfsGrouping grouping) {
        PfsComparison pfs = outcomes.pfs(studyCode, grouping);
        List<KaplanMeierChart.Curve> curves = new ArrayList<>();
        for (SurvivalGroup group : pfs.groups()) {
            List<KaplanMeierChart.Step> steps = new ArrayList<>();
            for (SurvivalRow r : group.table()) {
                steps.add(new KaplanMeierChart.Step(StudyDay.toMonths(r.time()), r.atRisk(), r.events(), r.censored(),
                        r.survival(), r.lower(), r.upper()));
            }
            curves.add(new KaplanMeierChart.Curve(group.name(), group.summary().n(), group.summary().events(), steps));
        }
        String split = grouping.byArm() ? "by arm" : "by " + grouping.marker() + " at visit "
                + Numbers.plain(grouping.visitNumber()) + " (cut-off " + Numbers.plain(grouping.cutoff()) + ")";
        String p = pfs.logRank().p() == null ? "" : String.format(java.util.Locale.ROOT, ", log-rank p = %.3g",
                pfs.logRank().p());
        return KaplanMeierChart.build(studyCode + ": progression-free survival " + split + p,
                "Progression-free survival", "Months since first dose", curves);
    }

    private Plot waterfall(StudyScope scope, int limit) {
        List<WaterfallChart.Bar> bars = new ArrayList<>();
        int[] total = new int[1];
        responses.stream(scope, subject -> {
            Double best = subject.bestChange();
            if (best == null) {
                return;
            }
            total[0]++;
            if (bars.size() < limit) {
                bars.add(new WaterfallChart.Bar(subject.usubjid(), best,
                        subject.bor().evaluable() ? subject.bor().category() : null));
            }
        });
        return WaterfallChart.build(scope.code() + ": best change of the " + measure(scope) + limited(bars.size(), total[0]),
                measure(scope), bars);
    }

    private Plot spider(StudyScope scope, int limit) {
        List<SpiderChart.Series> series = new ArrayList<>();
        int[] total = new int[1];
        responses.stream(scope, subject -> {
            if (subject.firstDose() == null || subject.computed().size() < 2) {
                return;
            }
            total[0]++;
            if (series.size() >= limit) {
                return;
            }
            List<SpiderChart.Point> points = new ArrayList<>();
            for (ComputedAssessment c : subject.computed()) {
                Double change = c.baseline() ? Double.valueOf(0.0) : c.changeFromBaseline();
                if (change != null) {
                    points.add(new SpiderChart.Point(weeks(subject.firstDose(), c.date()), change));
                }
            }
            series.add(new SpiderChart.Series(subject.usubjid(),
                    subject.bor().evaluable() ? subject.bor().category() : null, points));
        });
        return SpiderChart.build(scope.code() + ": change of the " + measure(scope) + " over time"
                + limited(series.size(), total[0]), measure(scope), series);
    }

    private Plot swimmer(StudyScope scope, int limit) {
        PriorityQueue<SwimmerChart.Lane> longest = new PriorityQueue<>(Comparator.comparingDouble(SwimmerChart.Lane::months));
        int[] total = new int[1];
        responses.stream(scope, subject -> {
            if (subject.firstDose() == null) {
                return;
            }
            total[0]++;
            longest.add(lane(subject));
            if (longest.size() > limit) {
                longest.poll();
            }
        });
        List<SwimmerChart.Lane> lanes = new ArrayList<>(longest);
        String shown = lanes.size() < total[0] ? " (the " + lanes.size() + " longest of " + total[0] + " treated)" : "";
        return SwimmerChart.build(scope.code() + ": time on study" + shown, lanes);
    }

    private static SwimmerChart.Lane lane(SubjectResponses subject) {
        LocalDate start = subject.firstDose();
        LocalDate last = start;
        List<SwimmerChart.Event> events = new ArrayList<>();
        boolean responded = false;
        boolean progressed = false;
        for (InvestigatorAssessment a : subject.investigator()) {
            if (!a.date().isAfter(start)) {
                continue;
            }
            last = a.date().isAfter(last) ? a.date() : last;
            ResponseCategory c = a.response();
            if (!responded && c.isObjectiveResponse()) {
                responded = true;
                events.add(new SwimmerChart.Event(months(start, a.date()), SwimmerChart.EventKind.RESPONSE, c.name()));
            }
            if (!progressed && c == ResponseCategory.PD) {
                progressed = true;
                events.add(new SwimmerChart.Event(months(start, a.date()), SwimmerChart.EventKind.PROGRESSION, null));
            }
        }
        if (subject.endDate() != null && subject.endDate().isAfter(last)) {
            last = subject.endDate();
        }
        if (subject.deathDate() != null) {
            last = subject.deathDate().isAfter(last) ? subject.deathDate() : last;
            events.add(new SwimmerChart.Event(months(start, subject.deathDate()), SwimmerChart.EventKind.DEATH, null));
        }
        boolean ongoing = subject.endDate() == null && subject.deathDate() == null;
        return new SwimmerChart.Lane(subject.usubjid(), subject.arm() == null ? "no arm" : subject.arm().code(),
                months(start, last), ongoing, events);
    }

    private Plot markerCourse(String studyCode, String marker) {
        String code = Validation.requireMarker(catalogue.catalogue(), "marker", marker);
        List<MarkerSummary> rows = markers.summaries(studyCode, new MarkerFilter(List.of(code), true));
        Map<String, List<MarkerCourseChart.Point>> byArm = new LinkedHashMap<>();
        for (MarkerSummary m : rows) {
            byArm.computeIfAbsent(m.arm(), a -> new ArrayList<>()).add(new MarkerCourseChart.Point(m.visitNum(),
                    m.visit(), m.n(), m.median(), m.q1(), m.q3()));
        }
        List<MarkerCourseChart.Series> series = new ArrayList<>();
        byArm.forEach((arm, points) -> series.add(new MarkerCourseChart.Series(arm, points)));
        Marker m = catalogue.catalogue().find(code).orElseThrow();
        return MarkerCourseChart.build(studyCode + ": " + m.getName() + " (" + code + ") per arm",
                code + " (" + m.getStandardUnit() + ")", series);
    }

    private static String measure(StudyScope scope) {
        return scope.criteria() == ResponseCriteria.IMWG ? "serum M-protein" : "sum of target diameters";
    }

    private static String limited(int shown, int total) {
        return shown < total ? " (first " + shown + " of " + total + " subjects)" : "";
    }

    private static double weeks(LocalDate firstDose, LocalDate date) {
        return (StudyDay.of(firstDose, date) - 1) / 7.0;
    }

    private static double months(LocalDate firstDose, LocalDate date) {
        return StudyDay.toMonths(StudyDay.of(firstDose, date));
    }

    /** Checked here so that a plot of an unknown kind is a 422 naming the kinds. */
    public static PlotKind kind(String slug) {
        return PlotKind.fromSlug(slug).orElseThrow(() -> new InvalidInputException("kind",
                "'" + slug + "' is not a plot; accepted: " + PlotKind.slugs()));
    }
}
