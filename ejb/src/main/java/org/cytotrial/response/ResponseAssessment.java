package org.cytotrial.response;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.cytotrial.subject.Subject;
import org.cytotrial.visit.Visit;
import org.hibernate.envers.Audited;

/**
 * An investigator's overall response at an assessment (SDTM RS, RSTESTCD OVRLRESP): the record
 * of truth for best response and PFS. The system's computed response is derived on demand and
 * compared with it; a disagreement is confirmed or corrected here with a reason.
 */
@Entity
@Table(name = "response_assessment")
@Audited
public class ResponseAssessment {

    public static final String OVERALL_RESPONSE = "OVRLRESP";

    /**
     * Whether the row under {@code alias} is the investigator's: RSEVAL blank or INVESTIGATOR,
     * whatever its case and surrounding spaces as imported. One rule for every reader (analytics,
     * casebook, entry, reports), so no two of them count a response differently; valid in SQL and JPQL.
     */
    public static String byInvestigator(String alias) {
        return "(" + alias + ".evaluator is null or upper(trim(" + alias + ".evaluator)) in ('', 'INVESTIGATOR'))";
    }

    @Id
    @GeneratedValue(generator = "response_assessment_seq")
    @SequenceGenerator(name = "response_assessment_seq", sequenceName = "response_assessment_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "subject_id")
    private Subject subject;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "visit_id")
    private Visit visit;

    private Integer seq;

    @Column(nullable = false, length = 8)
    private String testCode;

    @Column(nullable = false, length = 100)
    private String testName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 2)
    private ResponseCategory response;

    @Column(length = 40)
    private String evaluator;

    @Column(nullable = false)
    private LocalDate assessedOn;

    @Enumerated(EnumType.STRING)
    @Column(length = 12)
    private ReviewStatus reviewStatus;

    @Column(length = 2000)
    private String reviewReason;

    @Column(length = 60)
    private String reviewedBy;

    private Instant reviewedAt;

    @Version
    private long version;

    protected ResponseAssessment() {}

    public ResponseAssessment(Visit visit, Integer seq, String testCode, String testName, ResponseCategory response,
            String evaluator, LocalDate assessedOn) {
        this.visit = Objects.requireNonNull(visit);
        this.subject = visit.getSubject();
        this.seq = seq;
        this.testCode = Objects.requireNonNull(testCode);
        this.testName = Objects.requireNonNull(testName);
        this.response = Objects.requireNonNull(response);
        this.evaluator = evaluator;
        this.assessedOn = Objects.requireNonNull(assessedOn);
    }

    public Long getId() {
        return id;
    }

    public Subject getSubject() {
        return subject;
    }

    public Visit getVisit() {
        return visit;
    }

    public Integer getSeq() {
        return seq;
    }

    public String getTestCode() {
        return testCode;
    }

    public String getTestName() {
        return testName;
    }

    public ResponseCategory getResponse() {
        return response;
    }

    public String getEvaluator() {
        return evaluator;
    }

    public LocalDate getAssessedOn() {
        return assessedOn;
    }

    public ReviewStatus getReviewStatus() {
        return reviewStatus;
    }

    public String getReviewReason() {
        return reviewReason;
    }

    public String getReviewedBy() {
        return reviewedBy;
    }

    public Instant getReviewedAt() {
        return reviewedAt;
    }

    public long getVersion() {
        return version;
    }

    public void reassess(ResponseCategory newResponse, LocalDate newAssessedOn) {
        this.response = Objects.requireNonNull(newResponse);
        this.assessedOn = Objects.requireNonNull(newAssessedOn);
    }

    /** The investigator keeps the response despite the computed one, or corrects it; a reason is required. */
    public void review(ResponseCategory decided, String reason, String reviewer, Instant at) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A review needs a reason");
        }
        this.reviewStatus = decided == response ? ReviewStatus.CONFIRMED : ReviewStatus.CORRECTED;
        this.response = Objects.requireNonNull(decided);
        this.reviewReason = reason;
        this.reviewedBy = Objects.requireNonNull(reviewer);
        this.reviewedAt = Objects.requireNonNull(at);
    }
}
