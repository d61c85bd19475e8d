package org.cytotrial.web.coordinator;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cytotrial.lock.LockView;
import org.cytotrial.marker.Cd4Cd8Ratio;
import org.cytotrial.marker.LabEntryWriter.ResultEntry;
import org.cytotrial.marker.Marker;
import org.cytotrial.platform.ConflictException;
import org.cytotrial.platform.FieldChange;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.response.ComputedResponses.Computed;
import org.cytotrial.response.LesionKind;
import org.cytotrial.response.ResponseCategory;
import org.cytotrial.response.TumourEntryWriter;
import org.cytotrial.response.TumourEntryWriter.LesionEntry;
import org.cytotrial.security.AccessDeniedException;
import org.cytotrial.security.CurrentUser;
import org.cytotrial.security.Role;
import org.cytotrial.signature.SignatureService;
import org.cytotrial.signature.SubjectSignatures;
import org.cytotrial.subject.SubjectService;
import org.cytotrial.visit.CasebookService;
import org.cytotrial.visit.ChangeSince;
import org.cytotrial.visit.EntryConflictException;
import org.cytotrial.visit.VisitEntry;
import org.cytotrial.visit.VisitEntryReader;
import org.cytotrial.visit.VisitEntryService;
import org.cytotrial.visit.VisitEntryView;
import org.cytotrial.visit.VisitNumbers;
import org.cytotrial.visit.VisitStatus;
import org.cytotrial.web.coordinator.EntryRows.LesionRow;
import org.cytotrial.web.coordinator.EntryRows.ResultRow;
import org.primefaces.PrimeFaces;

/**
 * A subject's casebook (coordinator/casebook.xhtml?study=...&subject=...&visit=...): the visit
 * schedule and the entry form of one visit (date, labs and markers, tumour assessment, the
 * investigator's response beside the computed one, shown live), plus the first dose. The bean
 * only carries what is typed to the services and their answers back; adverse events and
 * disposition have their own beans on the same page.
 */
@Named
@ViewScoped
public class CasebookBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    private transient CasebookService casebooks;

    @Inject
    private transient VisitEntryReader reader;

    @Inject
    private transient VisitEntryService entries;

    @Inject
    private transient SubjectService subjects;

    @Inject
    private transient CurrentUser currentUser;

    @Inject
    private transient SignatureService signatureService;

    private String study;
    private String subject;
    private String visitParam;
    private CasebookService.Casebook casebook;
    private transient SubjectSignatures signatures;
    private final FieldProblems problems = new FieldProblems();

    // the visit being entered
    private BigDecimal visit;
    private VisitEntryView view;
    private Long version;
    private LocalDate date;
    private VisitStatus status;
    private final List<ResultRow> results = new ArrayList<>();
    private final List<LesionRow> lesions = new ArrayList<>();
    private ResponseCategory response;
    private String reason;
    private String addMarker;
    private Computed computed;
    private Map<String, Double> standardValues = Map.of();
    private String ratio;
    private transient List<Marker> catalogue;
    private Conflict conflict;

    // the first dose
    private LocalDate firstDose;
    private String firstDoseReason;

    /**
     * A refused save: what the stored visit holds where it differs from what was typed, and what
     * others changed since this form was opened (from the audit trail).
     */
    public record Conflict(String message, List<FieldChange> changes, List<ChangeSince> changedSince, long currentVersion)
            implements Serializable {}

    private static final java.time.format.DateTimeFormatter UTC_SECONDS =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    public void load() {
        if (casebook != null) {
            return;
        }
        refresh();
        firstDose = casebook.subject().firstDoseDate();
        String enrolled = (String) FacesContext.getCurrentInstance().getExternalContext().getFlash().get("enrolled");
        if (enrolled != null) {
            info(enrolled);
        }
        if (visitParam != null && !visitParam.isBlank()) {
            open(new BigDecimal(visitParam));
        }
    }

    private void refresh() {
        casebook = casebooks.casebook(study, subject);
        signatures = null;
    }

    /** Whether the subject's signatures still hold (a save may break one), read once per refresh. */
    public SubjectSignatures getSignatures() {
        if (signatures == null && casebook != null) {
            signatures = signatureService.signatures(study, subject);
        }
        return signatures;
    }

    /** Opens a visit's entry form with what is stored. */
    public void open(BigDecimal number) {
        visit = number;
        conflict = null;
        problems.clear();
        reason = null;
        view = reader.view(study, subject, number);
        version = view.version();
        date = view.date();
        status = view.status() == null ? VisitStatus.DONE : view.status();
        response = view.response().investigator();
        results.clear();
        Map<String, VisitEntryView.ResultView> stored = new LinkedHashMap<>();
        view.results().forEach(r -> stored.put(r.test(), r));
        for (Marker m : reader.panel(study, subject)) {
            addRow(m, stored.remove(m.getCode()));
        }
        for (VisitEntryView.ResultView extra : stored.values()) {
            catalogue().stream().filter(m -> m.getCode().equals(extra.test())).findFirst().ifPresent(m -> addRow(m, extra));
        }
        lesions.clear();
        for (VisitEntryView.LesionView l : view.lesions()) {
            LesionRow row = new LesionRow(l.id(), l.kind(), l.location(), false,
                    l.identifiedAt() + " (visit " + VisitNumbers.text(l.identifiedAtVisitnum()) + ")");
            row.setValue(l.value());
            if (l.unit() != null) {
                row.setUnit(l.unit());
            }
            row.setState(l.state());
            lesions.add(row);
        }
        preview();
    }

    private void addRow(Marker m, VisitEntryView.ResultView stored) {
        ResultRow row = new ResultRow(m.getCode(), m.getName(), m.getCategory(), m.acceptedUnits(), m.describeRange(), m.isDerived());
        if (stored != null) {
            row.setValue(stored.value());
            row.setUnit(stored.unit());
        }
        results.add(row);
    }

    /** Drops what was typed and shows the visit as stored now. */
    public void reload() {
        open(visit);
        refresh();
        info("Visit reloaded as stored now.");
    }

    /** Keeps what was typed and takes the version now stored, so that the next save deliberately applies it. */
    public void keepMine() {
        if (conflict != null) {
            version = conflict.currentVersion();
            conflict = null;
            info("Your values are kept. Check them against the stored ones above, give a reason and save again to apply them.");
        }
    }

    public void addMarkerRow() {
        if (addMarker != null && !hasRow(addMarker)) {
            catalogue().stream().filter(m -> m.getCode().equals(addMarker)).findFirst().ifPresent(m -> addRow(m, null));
            // with CD4 and CD8 both on the form, their ratio is shown, derived as they are typed (as on the form of a
            // study whose panel has them); without this line it appeared only once the visit was saved
            if (Cd4Cd8Ratio.isInput(addMarker) && hasRow(Cd4Cd8Ratio.CD4) && hasRow(Cd4Cd8Ratio.CD8) && !hasRow(Cd4Cd8Ratio.CODE)) {
                catalogue().stream().filter(m -> m.getCode().equals(Cd4Cd8Ratio.CODE)).findFirst().ifPresent(m -> addRow(m, null));
            }
        }
        addMarker = null;
    }

    private boolean hasRow(String code) {
        return results.stream().anyMatch(r -> r.getCode().equals(code));
    }

    /**
     * The subject changed outside the visit form (a disposition event, a death): its facts and its
     * schedule are read again, so the page shows it off study at once.
     */
    public void subjectChanged() {
        refresh();
    }

    public void addLesion() {
        LesionKind kind = isBaselineVisit() ? LesionKind.TARGET : LesionKind.NEW;
        Set<String> taken = new HashSet<>();
        lesions.forEach(l -> taken.add(l.getId()));
        lesions.add(new LesionRow(TumourEntryWriter.nextId(kind, taken), kind, null, true, "this visit"));
    }

    public void removeLesion(LesionRow row) {
        if (row.isIdentifiedHere()) {
            lesions.remove(row);
            preview();
        }
    }

    /** What the typed values compute to, and their problems, without saving. */
    public void preview() {
        if (visit == null) {
            return;
        }
        try {
            VisitEntryReader.Preview preview = reader.preview(study, subject, visit, entry());
            computed = preview.computed();
            standardValues = preview.standardValues();
            ratio = preview.cd4Cd8Ratio();
            problems.show(preview.problems());
        } catch (RuntimeException e) {
            computed = null;
        }
    }

    public void save() {
        problems.clear();
        try {
            VisitEntryView saved = entries.save(study, subject, visit, entry());
            conflict = null;
            refresh();
            open(saved.visitnum());
            info("Visit " + saved.visit() + " saved.");
        } catch (InvalidInputException e) {
            problems.show(e);
        } catch (EntryConflictException e) {
            conflict = new Conflict(e.getMessage(), e.getChanges(), e.getChangedSince(), e.getCurrentVersion());
            error("Not saved: someone else saved this visit after you opened it. See what differs below.");
        } catch (ConflictException | AccessDeniedException e) {
            error("Not saved: " + e.getMessage());
            refreshLockState();
        }
    }

    /** A lock placed while the page was open shows at once, and the forms close. */
    void refreshLockState() {
        refresh();
        if (isLocked()) {
            open(visit);
            // whichever form was saved, every form of the page closes (only now: redrawing them on
            // every save would drop what someone typed into another form)
            PrimeFaces.current().ajax().update("firstDoseArea", "sections:entry", "sections:visitsForm", "sections:aeForm",
                    "sections:dsForm");
        }
    }

    private VisitEntry entry() {
        List<ResultEntry> resultEntries = results.stream().filter(r -> !r.isDerived())
                .map(r -> new ResultEntry(r.getCode(), r.getValue(), r.getUnit())).toList();
        List<LesionEntry> lesionEntries = null;
        if (isRecist()) {
            lesionEntries = new ArrayList<>();
            for (LesionRow l : lesions) {
                if (l.isIdentifiedHere()) {
                    if (!l.isBlank()) {
                        lesionEntries.add(new LesionEntry(l.getId(), l.getKind(), l.getLocation(), l.getValue(), l.getUnit(),
                                l.getState()));
                    }
                } else {
                    lesionEntries.add(new LesionEntry(l.getId(), null, null, l.getValue(), l.getUnit(), l.getState()));
                }
            }
        }
        boolean missed = status == VisitStatus.MISSED;
        return new VisitEntry(version, status, missed ? null : date, missed ? List.of() : resultEntries,
                missed ? (isRecist() ? List.of() : null) : lesionEntries, missed ? null : response, reason);
    }

    /** Records (or corrects) the first dose. */
    public void saveFirstDose() {
        problems.clear();
        try {
            subjects.update(study, subject, new SubjectService.SubjectChange(casebook.subject().version(), null, firstDose, null,
                    null, firstDoseReason));
            refresh();
            firstDoseReason = null;
            info("First dose recorded: " + firstDose + ". The visit schedule is planned from it.");
        } catch (InvalidInputException e) {
            problems.show(e);
        } catch (ConflictException | AccessDeniedException e) {
            error("Not saved: " + e.getMessage());
            refreshLockState();
        }
    }

    private List<Marker> catalogue() {
        if (catalogue == null) {
            catalogue = reader.catalogue();
        }
        return catalogue;
    }

    /** Catalogue markers not yet on the form, to add one. */
    public List<Marker> getAddableMarkers() {
        Set<String> shown = new HashSet<>();
        results.forEach(r -> shown.add(r.getCode()));
        return catalogue().stream().filter(m -> !m.isDerived() && !shown.contains(m.getCode())).toList();
    }

    public String problem(String field) {
        return problems.of(field);
    }

    /**
     * The last day of a visit's window as the schedule shows it after the first: without the year
     * when it is the first day's ("2026-09-05 – 09-19"), short enough for its column.
     */
    public String windowEnd(org.cytotrial.visit.VisitSchedule.Entry entry) {
        LocalDate start = entry.windowStart();
        LocalDate end = entry.windowEnd();
        if (end == null) {
            return "";
        }
        return start != null && end.getYear() == start.getYear() ? end.toString().substring(5) : end.toString();
    }

    /** A schedule state in words ("NOT EXPECTED"), which may wrap in its column. */
    public String stateText(org.cytotrial.visit.VisitSchedule.State state) {
        return state == null ? "" : state.name().replace('_', ' ');
    }

    /** When a change of the audit trail was saved, for people: to the second, in UTC as the trail records it. */
    public String changedAt(ChangeSince change) {
        return change.changedAt() == null ? "" : UTC_SECONDS.format(change.changedAt());
    }

    /** A service field name as the form labels it: results[CRP] is "CRP", lesions[T01] "lesion T01". */
    public String fieldLabel(String field) {
        if (field.startsWith("results[")) {
            return field.substring("results[".length(), field.indexOf(']'));
        }
        if (field.startsWith("lesions[")) {
            return "lesion " + field.substring("lesions[".length(), field.indexOf(']')) + field.substring(field.indexOf(']') + 1);
        }
        return field;
    }

    /** Problems no field on the form shows (e.g. about the whole visit). */
    public String getOtherProblems() {
        Set<String> placed = new HashSet<>(Set.of("date", "status", "reason", "response", "version", "firstDoseDate"));
        results.forEach(r -> placed.add(r.getField()));
        lesions.forEach(l -> placed.add(l.getField()));
        return problems.unplaced(placed);
    }

    /** The standardised value of a line, as the preview computed it. */
    public String standard(ResultRow row) {
        if (row.isDerived()) {
            return ratio;
        }
        Double v = standardValues.get(row.getCode());
        if (v == null || row.getValue() == null || row.getValue().isBlank()) {
            return null;
        }
        String unit = row.getUnits().get(0);
        return row.getUnit() != null && row.getUnit().equals(unit) ? null : "= " + format(v) + " " + unit;
    }

    static String format(double v) {
        return new BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    public String percent(Double value) {
        return value == null ? "–" : String.format(java.util.Locale.ROOT, "%+.1f %%", value);
    }

    public String measure(Double value) {
        return value == null ? "–" : format(value);
    }

    private void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    private void error(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    // ---- what the page asks

    public boolean isRecist() {
        return casebook != null && casebook.subject().criteria().startsWith("RECIST");
    }

    public boolean isBaselineVisit() {
        return view != null && view.baseline();
    }

    public boolean isMayEnterData() {
        return !isLocked() && currentUser.account().map(a -> a.has(Role.COORDINATOR)).orElse(false);
    }

    public boolean isMayEnterResponse() {
        return !isLocked() && currentUser.account().map(a -> a.hasAny(Role.COORDINATOR, Role.INVESTIGATOR)).orElse(false);
    }

    /** The subject's data cannot change now: a data lock, or the study locked or closed. */
    public boolean isLocked() {
        return casebook != null && casebook.lockedBecause() != null;
    }

    /** The lock in force, for the banner; null when the study's status alone closes it (the banner then shows why). */
    public LockView getLock() {
        return casebook == null ? null : casebook.lock();
    }

    /** What the lock covers, as the banner names it. */
    public String getLockedData() {
        LockView lock = getLock();
        if (lock == null) {
            return null;
        }
        return switch (lock.level()) {
            case "STUDY" -> "the whole study " + casebook.subject().study();
            case "SITE" -> "site " + lock.site() + " of study " + casebook.subject().study();
            default -> "subject " + lock.subject();
        };
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public List<LesionKind> getKindsHere() {
        return isBaselineVisit() ? List.of(LesionKind.TARGET, LesionKind.NON_TARGET) : List.of(LesionKind.NEW);
    }

    public List<String> getStates() {
        return List.of("ABSENT", "PRESENT", "UNEQUIVOCAL PROGRESSION");
    }

    public ResponseCategory[] getResponses() {
        return ResponseCategory.values();
    }

    public VisitStatus[] getStatuses() {
        return new VisitStatus[] {VisitStatus.DONE, VisitStatus.MISSED};
    }

    public boolean isDisagrees() {
        return computed != null && computed.category() != null && response != null && computed.category() != response;
    }

    // ---- getters and setters

    public String getStudy() {
        return study;
    }

    public void setStudy(String study) {
        this.study = study;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getVisitParam() {
        return visitParam;
    }

    public void setVisitParam(String visitParam) {
        this.visitParam = visitParam;
    }

    public CasebookService.Casebook getCasebook() {
        return casebook;
    }

    public BigDecimal getVisit() {
        return visit;
    }

    public VisitEntryView getView() {
        return view;
    }

    public Long getVersion() {
        return version;
    }

    public LocalDate getDate() {
        return date;
    }

    public void setDate(LocalDate date) {
        this.date = date;
    }

    public VisitStatus getStatus() {
        return status;
    }

    public void setStatus(VisitStatus status) {
        this.status = status;
    }

    public List<ResultRow> getResults() {
        return results;
    }

    /** The lines a user types into; derived ones (CD4/CD8) are shown apart, computed. */
    public List<ResultRow> getEnterableResults() {
        return results.stream().filter(r -> !r.isDerived()).toList();
    }

    public boolean isRatioShown() {
        return results.stream().anyMatch(ResultRow::isDerived);
    }

    public String getRatio() {
        return ratio;
    }

    public List<LesionRow> getLesions() {
        return lesions;
    }

    public ResponseCategory getResponse() {
        return response;
    }

    public void setResponse(ResponseCategory response) {
        this.response = response;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getAddMarker() {
        return addMarker;
    }

    public void setAddMarker(String addMarker) {
        this.addMarker = addMarker;
    }

    public Computed getComputed() {
        return computed;
    }

    public Conflict getConflict() {
        return conflict;
    }

    public LocalDate getFirstDose() {
        return firstDose;
    }

    public void setFirstDose(LocalDate firstDose) {
        this.firstDose = firstDose;
    }

    public String getFirstDoseReason() {
        return firstDoseReason;
    }

    public void setFirstDoseReason(String firstDoseReason) {
        this.firstDoseReason = firstDoseReason;
    }
}
