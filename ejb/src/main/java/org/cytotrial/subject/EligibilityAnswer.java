package org.cytotrial.subject;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Objects;
import org.cytotrial.study.EligibilityCriterion;
import org.hibernate.envers.Audited;

/** How a subject answered one eligibility criterion at enrolment: whether the criterion is met. */
@Entity
@Table(name = "eligibility_answer")
@Audited
public class EligibilityAnswer {

    @Id
    @GeneratedValue(generator = "eligibility_answer_seq")
    @SequenceGenerator(name = "eligibility_answer_seq", sequenceName = "eligibility_answer_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "subject_id")
    private Subject subject;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "criterion_id")
    private EligibilityCriterion criterion;

    private boolean met;

    @Version
    private long version;

    protected EligibilityAnswer() {}

    public EligibilityAnswer(Subject subject, EligibilityCriterion criterion, boolean met) {
        this.subject = Objects.requireNonNull(subject);
        this.criterion = Objects.requireNonNull(criterion);
        this.met = met;
    }

    public Long getId() {
        return id;
    }

    public Subject getSubject() {
        return subject;
    }

    public EligibilityCriterion getCriterion() {
        return criterion;
    }

    public boolean isMet() {
        return met;
    }

    public long getVersion() {
        return version;
    }
}
