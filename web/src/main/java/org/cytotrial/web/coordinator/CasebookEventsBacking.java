package org.cytotrial.web.coordinator;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import org.cytotrial.platform.ConflictException;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.safety.AdverseEventService;
import org.cytotrial.security.AccessDeniedException;
import org.cytotrial.subject.DispositionService;

/**
 * The subject-level parts of the casebook page: adverse events and disposition, each a table and
 * a form that records a new one or corrects the one picked (with a reason).
 */
@Named
@ViewScoped
public class CasebookEventsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient AdverseEventService adverseEvents;

    @Inject
    private transient DispositionService dispositions;

    /** The same page's casebook, which shows whether the subject is on study. */
    @Inject
    private CasebookBacking casebook;

    private String study;
    private String subject;
    private final FieldProblems aeProblems = new FieldProblems();
    private final FieldProblems dsProblems = new FieldProblems();

    private List<AdverseEventService.View> aeList;
    private Integer aeSeq;
    private Long aeVersion;
    private String aeTerm;
    private String aeDecoded;
    private Integer aeGrade;
    private boolean aeSerious;
    private boolean aeRelated;
    private LocalDate aeStart;
    private LocalDate aeEnd;
    private String aeReason;

    private List<DispositionService.View> dsList;
    private Integer dsSeq;
    private Long dsVersion;
    private String dsEvent;
    private String dsTerm;
    private LocalDate dsDate;
    private String dsReason;

    public void load(String studyCode, String usubjid) {
        this.study = studyCode;
        this.subject = usubjid;
    }

    public List<AdverseEventService.View> getAdverseEvents() {
        if (aeList == null) {
            aeList = adverseEvents.list(study, subject);
        }
        return aeList;
    }

    public List<DispositionService.View> getDispositions() {
        if (dsList == null) {
            dsList = dispositions.list(study, subject);
        }
        return dsList;
    }

    public void editAdverseEvent(AdverseEventService.View e) {
        aeProblems.clear();
        aeSeq = e.seq();
        aeVersion = e.version();
        aeTerm = e.term();
        aeDecoded = e.decodedTerm();
        aeGrade = e.grade();
        aeSerious = e.serious();
        aeRelated = e.related();
        aeStart = e.start();
        aeEnd = e.end();
        aeReason = null;
    }

    public void newAdverseEvent() {
        aeProblems.clear();
        aeSeq = null;
        aeVersion = null;
        aeTerm = null;
        aeDecoded = null;
        aeGrade = null;
        aeSerious = false;
        aeRelated = false;
        aeStart = null;
        aeEnd = null;
        aeReason = null;
    }

    public void saveAdverseEvent() {
        aeProblems.clear();
        AdverseEventService.Entry entry = new AdverseEventService.Entry(aeTerm, aeDecoded, aeGrade, aeSerious, aeRelated, aeStart,
                aeEnd, aeVersion, aeReason);
        try {
            AdverseEventService.View saved = aeSeq == null ? adverseEvents.record(study, subject, entry)
                    : adverseEvents.correct(study, subject, aeSeq, entry);
            aeList = null;
            newAdverseEvent();
            message(FacesMessage.SEVERITY_INFO, "Adverse event " + saved.seq() + " (" + saved.term() + ", grade " + saved.grade()
                    + ") saved.");
        } catch (InvalidInputException e) {
            aeProblems.show(e);
        } catch (ConflictException | AccessDeniedException e) {
            message(FacesMessage.SEVERITY_ERROR, "Not saved: " + e.getMessage());
            // a lock placed while the page was open: the banner shows it and every form closes
            casebook.refreshLockState();
        }
    }

    public void editDisposition(DispositionService.View d) {
        dsProblems.clear();
        dsSeq = d.seq();
        dsVersion = d.version();
        dsEvent = d.event();
        dsTerm = d.term();
        dsDate = d.date();
        dsReason = null;
    }

    public void newDisposition() {
        dsProblems.clear();
        dsSeq = null;
        dsVersion = null;
        dsEvent = null;
        dsTerm = null;
        dsDate = null;
        dsReason = null;
    }

    public void saveDisposition() {
        dsProblems.clear();
        DispositionService.Entry entry = new DispositionService.Entry(dsEvent, dsTerm, dsDate, dsVersion, dsReason);
        try {
            DispositionService.View saved = dsSeq == null ? dispositions.record(study, subject, entry)
                    : dispositions.correct(study, subject, dsSeq, entry);
            dsList = null;
            newDisposition();
            casebook.subjectChanged();
            message(FacesMessage.SEVERITY_INFO, "Disposition saved: " + saved.event() + " on " + saved.date() + ".");
        } catch (InvalidInputException e) {
            dsProblems.show(e);
        } catch (ConflictException | AccessDeniedException e) {
            message(FacesMessage.SEVERITY_ERROR, "Not saved: " + e.getMessage());
            // a lock placed while the page was open: the banner shows it and every form closes
            casebook.refreshLockState();
        }
    }

    private static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }

    public String aeProblem(String field) {
        return aeProblems.of(field);
    }

    public String dsProblem(String field) {
        return dsProblems.of(field);
    }

    public DispositionService.Event[] getEvents() {
        return DispositionService.Event.values();
    }

    public List<Integer> getGrades() {
        return List.of(1, 2, 3, 4, 5);
    }

    public Integer getAeSeq() {
        return aeSeq;
    }

    public String getAeTerm() {
        return aeTerm;
    }

    public void setAeTerm(String aeTerm) {
        this.aeTerm = aeTerm;
    }

    public String getAeDecoded() {
        return aeDecoded;
    }

    public void setAeDecoded(String aeDecoded) {
        this.aeDecoded = aeDecoded;
    }

    public Integer getAeGrade() {
        return aeGrade;
    }

    public void setAeGrade(Integer aeGrade) {
        this.aeGrade = aeGrade;
    }

    public boolean isAeSerious() {
        return aeSerious;
    }

    public void setAeSerious(boolean aeSerious) {
        this.aeSerious = aeSerious;
    }

    public boolean isAeRelated() {
        return aeRelated;
    }

    public void setAeRelated(boolean aeRelated) {
        this.aeRelated = aeRelated;
    }

    public LocalDate getAeStart() {
        return aeStart;
    }

    public void setAeStart(LocalDate aeStart) {
        this.aeStart = aeStart;
    }

    public LocalDate getAeEnd() {
        return aeEnd;
    }

    public void setAeEnd(LocalDate aeEnd) {
        this.aeEnd = aeEnd;
    }

    public String getAeReason() {
        return aeReason;
    }

    public void setAeReason(String aeReason) {
        this.aeReason = aeReason;
    }

    public Integer getDsSeq() {
        return dsSeq;
    }

    public String getDsEvent() {
        return dsEvent;
    }

    public void setDsEvent(String dsEvent) {
        this.dsEvent = dsEvent;
    }

    public String getDsTerm() {
        return dsTerm;
    }

    public void setDsTerm(String dsTerm) {
        this.dsTerm = dsTerm;
    }

    public LocalDate getDsDate() {
        return dsDate;
    }

    public void setDsDate(LocalDate dsDate) {
        this.dsDate = dsDate;
    }

    public String getDsReason() {
        return dsReason;
    }

    public void setDsReason(String dsReason) {
        this.dsReason = dsReason;
    }
}
