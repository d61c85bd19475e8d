package org.cytotrial.study;

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
import java.util.Objects;
import org.hibernate.envers.Audited;

/**
 * One item of a study's eligibility checklist (SDTM TI: IETESTCD, IETEST, IECAT), asked of every
 * subject at enrolment. An inclusion criterion must be met, an exclusion criterion must not.
 */
@Entity
@Table(name = "eligibility_criterion")
@Audited
public class EligibilityCriterion {

    /** SDTM IECAT. */
    public enum Category {
        INCLUSION,
        EXCLUSION
    }

    @Id
    @GeneratedValue(generator = "eligibility_criterion_seq")
    @SequenceGenerator(name = "eligibility_criterion_seq", sequenceName = "eligibility_criterion_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "study_id")
    private Study study;

    @Column(nullable = false, length = 8)
    private String code;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Category category;

    @Column(nullable = false, length = 1000)
    private String text;

    private int position;

    @Version
    private long version;

    protected EligibilityCriterion() {}

    public EligibilityCriterion(Study study, String code, Category category, String text, int position) {
        this.study = Objects.requireNonNull(study);
        if (code == null || !code.matches("[A-Z0-9]{1,8}")) {
            throw new IllegalArgumentException("A criterion code is 1 to 8 capital letters or digits (IETESTCD), e.g. IN01");
        }
        this.code = code;
        this.category = Objects.requireNonNull(category);
        reword(text);
        this.position = position;
    }

    public Long getId() {
        return id;
    }

    public Study getStudy() {
        return study;
    }

    public String getCode() {
        return code;
    }

    public Category getCategory() {
        return category;
    }

    public String getText() {
        return text;
    }

    public int getPosition() {
        return position;
    }

    public long getVersion() {
        return version;
    }

    public final void reword(String newText) {
        if (newText == null || newText.isBlank() || newText.length() > 1000) {
            throw new IllegalArgumentException("A criterion needs a text of 1 to 1000 characters");
        }
        this.text = newText.strip();
    }

    public void moveTo(int newPosition) {
        this.position = newPosition;
    }

    /** Whether this answer lets the subject in: inclusion criteria must be met, exclusion criteria not. */
    public boolean admits(boolean met) {
        return category == Category.INCLUSION ? met : !met;
    }
}
