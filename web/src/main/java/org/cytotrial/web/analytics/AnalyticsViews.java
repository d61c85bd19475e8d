package org.cytotrial.web.analytics;

import jakarta.json.bind.annotation.JsonbProperty;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cytotrial.analysis.LogRankResult;
import org.cytotrial.analysis.MarkerSummary;
import org.cytotrial.analysis.Proportion;
import org.cytotrial.analysis.StudyDay;
import org.cytotrial.analysis.SurvivalRow;
import org.cytotrial.analysis.SurvivalSummary;
import org.cytotrial.analytics.ArmSummary;
import org.cytotrial.analytics.MannWhitneyOutcome;
import org.cytotrial.analytics.Numbers;
import org.cytotrial.analytics.PfsComparison;
import org.cytotrial.analytics.SpearmanOutcome;
import org.cytotrial.analytics.StudySummary;
import org.cytotrial.analytics.SurvivalGroup;
import org.cytotrial.response.ResponseCategory;

/**
 * The JSON shapes of the analytics API (docs/api.md), field names exactly as documented; a
 * value that cannot be estimated is {@code null}.
 */
public final class AnalyticsViews {

    private AnalyticsViews() {
    }

    public record Summary(String study, String responseCriteria, int sdMinDays, Double mrLowPercent, boolean allSites,
            List<Arm> arms) {
        static Summary of(StudySummary s) {
            return new Summary(s.scope().code(), s.scope().criteria().sdtmValue(), s.scope().sdMinDays(),
                    s.scope().mrLowPercent(), s.scope().allSites(), s.arms().stream().map(Arm::of).toList());
        }
    }

    public record Arm(String arm, String name, int treated, int evaluable, Map<String, Integer> bestResponse,
            Rate orr, Rate dcr, Survival pfs) {
        static Arm of(ArmSummary a) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (ResponseCategory c : ResponseCategory.values()) {
                counts.put(c.name(), a.response().count(c));
            }
            return new Arm(a.arm().code(), a.arm().name(), a.response().treated(), a.response().evaluable(), counts,
                    Rate.of(a.response().objectiveResponse()), Rate.of(a.response().diseaseControl()),
                    Survival.of(a.pfs()));
        }
    }

    public record Rate(int count, int n, Double rate, Double lower, Double upper) {
        static Rate of(Proportion p) {
            return new Rate(p.count(), p.n(), p.rate(), p.lower(), p.upper());
        }
    }

    /** A Kaplan-Meier summary in months. */
    public record Survival(int n, int events, int censored, Double medianMonths, Double lowerMonths,
            Double upperMonths, Double minMonths, Double maxMonths) {
        static Survival of(SurvivalSummary s) {
            return new Survival(s.n(), s.events(), s.censored(), s.median(), s.medianLower(), s.medianUpper(),
                    s.minTime(), s.maxTime());
        }
    }

    public record Marker(String arm, String test, BigDecimal visitnum, String visit, int n, double median, double q1,
            double q3, double mean, Double sd, Double medianFoldChange) {
        static Marker of(MarkerSummary m) {
            return new Marker(m.arm(), m.test(), Numbers.visitNumber(m.visitNum()), m.visit(), m.n(), m.median(),
                    m.q1(), m.q3(), m.mean(), m.sd(), m.medianFoldChange());
        }
    }

    public record Spearman(String x, String y, BigDecimal visitnum, String arm, int n, Double rho, Double p) {
        static Spearman of(SpearmanOutcome s) {
            return new Spearman(s.x(), s.y(), plain(s.visitNumber()), s.arm(), s.n(), s.rho(), s.p());
        }
    }

    public record MannWhitney(String test, BigDecimal visitnum, String arm1, String arm2, int n1, int n2,
            @JsonbProperty("W") Double w, Double p) {
        static MannWhitney of(MannWhitneyOutcome m) {
            return new MannWhitney(m.test(), plain(m.visitNumber()), m.arm1(), m.arm2(), m.n1(), m.n2(), m.w(), m.p());
        }
    }

    public record CurvePoint(double months, int atRisk, int events, int censored, double survival, Double lower,
            Double upper) {
    }

    public record Group(String group, int n, int events, int censored, Double medianMonths, Double lowerMonths,
            Double upperMonths, Double minMonths, Double maxMonths, List<CurvePoint> curve) {
        static Group of(SurvivalGroup g) {
            SurvivalSummary s = g.summary();
            List<CurvePoint> curve = new ArrayList<>(g.table().size());
            for (SurvivalRow r : g.table()) {
                curve.add(new CurvePoint(StudyDay.toMonths(r.time()), r.atRisk(), r.events(), r.censored(),
                        r.survival(), r.lower(), r.upper()));
            }
            return new Group(g.name(), s.n(), s.events(), s.censored(), s.median(), s.medianLower(), s.medianUpper(),
                    s.minTime(), s.maxTime(), curve);
        }
    }

    /**
     * The log-rank test as R's survdiff answers it: chisq and p null with fewer than two groups of
     * subjects; chisq 0 and p 1 when only one group expects events; p null without any event.
     */
    public record LogRank(Double chisq, int df, Double p) {
        static LogRank of(LogRankResult r) {
            return new LogRank(r.chiSquare(), r.degreesOfFreedom(), r.p());
        }
    }

    public record Pfs(String groupBy, String marker, Double cutoff, BigDecimal visitnum, List<Group> groups,
            LogRank logrank) {
        static Pfs of(PfsComparison c) {
            boolean byArm = c.grouping().byArm();
            return new Pfs(byArm ? "arm" : "marker", c.grouping().marker(), c.grouping().cutoff(),
                    byArm ? null : plain(c.grouping().visitNumber()), c.groups().stream().map(Group::of).toList(),
                    LogRank.of(c.logRank()));
        }
    }

    static BigDecimal plain(BigDecimal value) {
        return value == null ? null : new BigDecimal(Numbers.plain(value));
    }
}
