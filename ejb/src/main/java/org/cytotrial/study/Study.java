package org.cytotrial.study;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hibernate.envers.Audited;

/**
 * A clinical trial: its code (SDTM STUDYID), the rules its responses are judged by, its arms,
 * sites and visit schedule.
 *
 * <p>Life cycle: an administrator sets a study up ({@link StudyStatus#SETUP}) or imports it
 * whole from SDTM ({@link StudyStatus#ACTIVE}); coordinators enter data while it is active; an
 * administrator locks it at a data cut-off, after which every write is refused.
 *
 * <p>The trial summary parameters (SDTM TS) are kept as given, in order; the ones the system
 * acts on (title, response criteria, SDMINDY, MRLOWPCT) are also held as typed fields, and
 * {@link #setParameter} keeps the two in step.
 */
@Entity
@Table(name = "study")
@Audited
public class Study {

    public static final int DEFAULT_SD_MIN_DAYS = 42;

    @Id
    @GeneratedValue(generator = "study_seq")
    @SequenceGenerator(name = "study_seq", sequenceName = "study_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 40)
    private String code;

    @Column(nullable = false, length = 1000)
    private String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private ResponseCriteria responseCriteria;

    /** Minimum study day on which MR or SD can count as best response (TS SDMINDY). */
    private int sdMinDays = DEFAULT_SD_MIN_DAYS;

    /** Lower bound of the minor-response band in % decrease (TS MRLOWPCT); null = no MR band. */
    private Double mrLowPercent;

    private boolean confirmResponse;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private StudyStatus status = StudyStatus.SETUP;

    private boolean randomised;

    private Integer blockSize;

    private Long randomisationSeed;

    @Column(nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    @OneToMany(mappedBy = "study", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<StudyParameter> parameters = new ArrayList<>();

    @OneToMany(mappedBy = "study", cascade = CascadeType.ALL)
    @OrderBy("code")
    private List<Arm> arms = new ArrayList<>();

    @OneToMany(mappedBy = "study", cascade = CascadeType.ALL)
    @OrderBy("number")
    private List<VisitDefinition> visitDefinitions = new ArrayList<>();

    @ManyToMany
    @JoinTable(
            name = "study_site",
            joinColumns = @JoinColumn(name = "study_id"),
            inverseJoinColumns = @JoinColumn(name = "site_id"))
    private Set<Site> sites = new LinkedHashSet<>();

    protected Study() {}

    public Study(String code, String title, ResponseCriteria responseCriteria, Instant createdAt) {
        this.code = requireText(code, "study code");
        this.title = requireText(title, "title");
        this.responseCriteria = Objects.requireNonNull(responseCriteria);
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + what + " must not be empty");
        }
        return value;
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getTitle() {
        return title;
    }

    public ResponseCriteria getResponseCriteria() {
        return responseCriteria;
    }

    public int getSdMinDays() {
        return sdMinDays;
    }

    public Double getMrLowPercent() {
        return mrLowPercent;
    }

    public boolean isConfirmResponse() {
        return confirmResponse;
    }

    public StudyStatus getStatus() {
        return status;
    }

    public boolean isRandomised() {
        return randomised;
    }

    public Integer getBlockSize() {
        return blockSize;
    }

    public Long getRandomisationSeed() {
        return randomisationSeed;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public long getVersion() {
        return version;
    }

    public List<StudyParameter> getParameters() {
        return Collections.unmodifiableList(parameters);
    }

    public List<Arm> getArms() {
        return Collections.unmodifiableList(arms);
    }

    public List<VisitDefinition> getVisitDefinitions() {
        return Collections.unmodifiableList(visitDefinitions);
    }

    public Set<Site> getSites() {
        return Collections.unmodifiableSet(sites);
    }

    public Optional<Arm> arm(String armCode) {
        return arms.stream().filter(a -> a.getCode().equals(armCode)).findFirst();
    }

    public Optional<VisitDefinition> visitDefinition(BigDecimal number) {
        return visitDefinitions.stream().filter(v -> v.getNumber().compareTo(number) == 0).findFirst();
    }

    public Arm addArm(String armCode, String name, String regimen) {
        if (arm(armCode).isPresent()) {
            throw new IllegalArgumentException("Arm " + armCode + " already exists in study " + code);
        }
        Arm arm = new Arm(this, armCode, name, regimen);
        arms.add(arm);
        return arm;
    }

    public VisitDefinition defineVisit(BigDecimal number, String name, Integer plannedDay, int windowBefore, int windowAfter) {
        if (visitDefinition(number).isPresent()) {
            throw new IllegalArgumentException("Visit " + number.toPlainString() + " is already defined in study " + code);
        }
        VisitDefinition definition = new VisitDefinition(this, number, name, plannedDay, windowBefore, windowAfter);
        visitDefinitions.add(definition);
        return definition;
    }

    public void includeSite(Site site) {
        sites.add(Objects.requireNonNull(site));
    }

    /**
     * Sets a trial summary parameter, adding it at the end when new. The parameters the system
     * acts on are validated and applied here, so TS and the typed fields never disagree.
     */
    public void setParameter(String parameterCode, String name, String value) {
        applyKnownParameter(parameterCode, value);
        Optional<StudyParameter> existing =
                parameters.stream().filter(p -> p.getCode().equals(parameterCode)).findFirst();
        if (existing.isPresent()) {
            existing.get().changeValue(value);
        } else {
            int nextPosition = parameters.stream().mapToInt(StudyParameter::getPosition).max().orElse(0) + 1;
            parameters.add(new StudyParameter(this, nextPosition, 1, parameterCode, name, value));
        }
    }

    /** Adds a parameter exactly as imported, after the ones already there (its TSSEQ kept). */
    public void addImportedParameter(int seq, String parameterCode, String name, String value) {
        applyKnownParameter(parameterCode, value);
        parameters.add(new StudyParameter(this, parameters.size() + 1, seq, parameterCode, name, value));
    }

    private void applyKnownParameter(String parameterCode, String value) {
        switch (parameterCode) {
            case "TITLE" -> this.title = requireText(value, "title");
            case "RESPCRIT" -> this.responseCriteria = ResponseCriteria.fromSdtm(value)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "Response criteria '" + value + "' is not supported; use RECIST 1.1 or IMWG"));
            case "SDMINDY" -> this.sdMinDays = parseSdMinDays(value);
            case "MRLOWPCT" -> this.mrLowPercent = parseMinorResponseBand(value);
            default -> {
                // other parameters are kept as information only
            }
        }
    }

    public static int parseSdMinDays(String value) {
        try {
            int days = Integer.parseInt(value.trim());
            if (days < 1) {
                throw new NumberFormatException();
            }
            return days;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SDMINDY must be a whole number of days of at least 1, not '" + value + "'");
        }
    }

    public static Double parseMinorResponseBand(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double percent = Double.parseDouble(value.trim());
            if (!(percent > 0 && percent < 30)) {
                throw new NumberFormatException();
            }
            return percent;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "MRLOWPCT must be a percentage above 0 and below 30 (the partial-response threshold), not '" + value + "'");
        }
    }

    public void activate() {
        this.status = StudyStatus.ACTIVE;
    }

    public void lock() {
        this.status = StudyStatus.LOCKED;
    }

    public void unlock() {
        if (status == StudyStatus.LOCKED) {
            this.status = StudyStatus.ACTIVE;
        }
    }

    public boolean isLocked() {
        return status == StudyStatus.LOCKED || status == StudyStatus.CLOSED;
    }

    public void useRandomisation(int newBlockSize, long seed) {
        if (newBlockSize < 2) {
            throw new IllegalArgumentException("A randomisation block holds at least 2 subjects");
        }
        this.randomised = true;
        this.blockSize = newBlockSize;
        this.randomisationSeed = seed;
    }
}
