package org.cytotrial.web.coordinator;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.study.EligibilityCriterion;
import org.cytotrial.subject.Enrolment;
import org.cytotrial.subject.EnrolmentService;
import org.cytotrial.subject.Sex;
import org.cytotrial.subject.Subject;

/** Enrolling a subject (coordinator/enrol.xhtml?study=...). */
@Named
@ViewScoped
public class EnrolBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient EnrolmentService enrolment;

    private String study;
    private boolean randomised;
    private List<String> arms = List.of();
    private List<String> armNames = List.of();
    private List<String> sites = List.of();
    private final List<Criterion> criteria = new ArrayList<>();

    private String site;
    private LocalDate consentDate;
    private Sex sex;
    private Integer age;
    private Integer birthYear;
    private String arm;
    private LocalDate firstDoseDate;
    private final FieldProblems problems = new FieldProblems();

    /** One checklist line with the answer given (null until answered). */
    public static final class Criterion implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String code;
        private final String category;
        private final String text;
        private Boolean met;

        Criterion(EligibilityCriterion c) {
            this.code = c.getCode();
            this.category = c.getCategory() == EligibilityCriterion.Category.INCLUSION ? "Inclusion" : "Exclusion";
            this.text = c.getText();
        }

        public String getCode() {
            return code;
        }

        public String getCategory() {
            return category;
        }

        public String getText() {
            return text;
        }

        public Boolean getMet() {
            return met;
        }

        public void setMet(Boolean met) {
            this.met = met;
        }

        public String getField() {
            return "eligibility[" + code + "]";
        }
    }

    public void load() {
        if (!criteria.isEmpty() || !sites.isEmpty()) {
            return;
        }
        EnrolmentService.EnrolmentForm form = enrolment.form(study);
        randomised = form.randomised();
        arms = form.arms();
        armNames = form.armNames();
        sites = form.sites();
        form.criteria().forEach(c -> criteria.add(new Criterion(c)));
        if (sites.size() == 1) {
            site = sites.get(0);
        }
        if (arms.size() == 1 && !randomised) {
            arm = arms.get(0);
        }
    }

    public void enrol() throws IOException {
        problems.clear();
        Map<String, Boolean> answers = new HashMap<>();
        criteria.stream().filter(c -> c.getMet() != null).forEach(c -> answers.put(c.getCode(), c.getMet()));
        try {
            Subject subject = enrolment.enrol(study, new Enrolment(site, consentDate, sex, age, birthYear,
                    randomised ? null : arm, answers, firstDoseDate, null));
            ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
            external.getFlash().put("enrolled", subject.getUsubjid() + " enrolled at " + subject.getSite().getCode() + ", arm "
                    + subject.getArm().getCode() + (randomised ? " (randomised)" : ""));
            external.redirect(external.getRequestContextPath() + "/coordinator/casebook.xhtml?study="
                    + URLEncoder.encode(study, StandardCharsets.UTF_8) + "&subject="
                    + URLEncoder.encode(subject.getUsubjid(), StandardCharsets.UTF_8));
        } catch (InvalidInputException e) {
            problems.show(e);
        }
    }

    public String problem(String field) {
        return problems.of(field);
    }

    public String getStudy() {
        return study;
    }

    public void setStudy(String study) {
        this.study = study;
    }

    public boolean isRandomised() {
        return randomised;
    }

    public List<String> getArms() {
        return arms;
    }

    public String armName(String code) {
        int i = arms.indexOf(code);
        return i < 0 ? code : code + " – " + armNames.get(i);
    }

    public List<String> getSites() {
        return sites;
    }

    public List<Criterion> getCriteria() {
        return criteria;
    }

    public Sex[] getSexes() {
        return Sex.values();
    }

    public String getSite() {
        return site;
    }

    public void setSite(String site) {
        this.site = site;
    }

    public LocalDate getConsentDate() {
        return consentDate;
    }

    public void setConsentDate(LocalDate consentDate) {
        this.consentDate = consentDate;
    }

    public Sex getSex() {
        return sex;
    }

    public void setSex(Sex sex) {
        this.sex = sex;
    }

    public Integer getAge() {
        return age;
    }

    public void setAge(Integer age) {
        this.age = age;
    }

    public Integer getBirthYear() {
        return birthYear;
    }

    public void setBirthYear(Integer birthYear) {
        this.birthYear = birthYear;
    }

    public String getArm() {
        return arm;
    }

    public void setArm(String arm) {
        this.arm = arm;
    }

    public LocalDate getFirstDoseDate() {
        return firstDoseDate;
    }

    public void setFirstDoseDate(LocalDate firstDoseDate) {
        this.firstDoseDate = firstDoseDate;
    }
}
