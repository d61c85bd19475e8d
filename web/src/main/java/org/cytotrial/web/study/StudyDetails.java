package org.cytotrial.web.study;

import java.math.BigDecimal;
import java.util.List;
import org.cytotrial.study.Study;
import org.cytotrial.study.StudyOverview;

/** A study's set-up as the API shows it. */
public record StudyDetails(String code, String title, String responseCriteria, int sdMinDays, Double mrLowPercent,
        String status, long subjects, List<ArmView> arms, List<String> sites, List<VisitView> visitSchedule,
        List<ParameterView> parameters) {

    public record ArmView(String code, String name, String regimen) {}

    public record VisitView(BigDecimal visitnum, String visit, Integer plannedDay, int windowBefore, int windowAfter) {}

    public record ParameterView(String code, String name, String value) {}

    static StudyDetails of(Study study, StudyOverview overview) {
        return new StudyDetails(study.getCode(), study.getTitle(), study.getResponseCriteria().sdtmValue(),
                study.getSdMinDays(), study.getMrLowPercent(), study.getStatus().name(), overview.subjects(),
                study.getArms().stream().map(a -> new ArmView(a.getCode(), a.getName(), a.getRegimen())).toList(),
                overview.sites(),
                study.getVisitDefinitions().stream()
                        .map(v -> new VisitView(v.getNumber().stripTrailingZeros(), v.getName(), v.getPlannedDay(),
                                v.getWindowBefore(), v.getWindowAfter()))
                        .toList(),
                study.getParameters().stream().map(p -> new ParameterView(p.getCode(), p.getName(), p.getValue())).toList());
    }
}
