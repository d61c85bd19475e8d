package org.cytotrial.web.analytics;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.cytotrial.analytics.ArmSummary;
import org.cytotrial.analytics.OutcomeAnalytics;
import org.cytotrial.analytics.PlotKind;
import org.cytotrial.analytics.PlotRequest;
import org.cytotrial.analytics.PlotService;
import org.cytotrial.analytics.StudySummary;
import org.cytotrial.plot.SvgRenderer;

/** The study summary (analytics/summary.xhtml): the per-arm table, the rules it follows, PFS by arm. */
@Named
@ViewScoped
public class StudySummaryBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient OutcomeAnalytics outcomes;

    @Inject
    private transient PlotService plots;

    private String study;
    private transient StudySummary summary;
    private String kaplanMeier;

    public void load() {
        try {
            summary = outcomes.summary(study);
            kaplanMeier = SvgRenderer.render(plots.plot(study, PlotRequest.of(PlotKind.KM)));
        } catch (RuntimeException e) {
            PageErrors.show(e);
        }
    }

    public String getStudy() {
        return study;
    }

    public void setStudy(String study) {
        this.study = study;
    }

    public StudySummary getSummary() {
        if (summary == null && study != null) {
            summary = outcomes.summary(study);
        }
        return summary;
    }

    public List<ArmSummary> getArms() {
        return getSummary() == null ? List.of() : getSummary().arms();
    }

    public String getKaplanMeier() {
        return kaplanMeier;
    }

    public boolean isImwg() {
        return getSummary() != null && getSummary().scope().criteria() == org.cytotrial.study.ResponseCriteria.IMWG;
    }
}
