package org.cytotrial.subject;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import org.cytotrial.study.Arm;
import org.cytotrial.study.Site;
import org.cytotrial.study.Study;
import org.hibernate.envers.Audited;

/**
 * The arm a randomised subject drew: its stratum (the study's site), its position in that
 * stratum's allocation sequence and the block it fell in, who enrolled it and when. Written once,
 * never changed: a wrong assignment is a protocol deviation to document, not a record to edit.
 */
@Entity
@Table(name = "randomisation_assignment")
@Audited
public class RandomisationAssignment {

    @Id
    @GeneratedValue(generator = "randomisation_assignment_seq")
    @SequenceGenerator(name = "randomisation_assignment_seq", sequenceName = "randomisation_assignment_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "study_id")
    private Study study;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "site_id")
    private Site site;

    private int stratumPosition;

    private int blockNumber;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "subject_id")
    private Subject subject;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "arm_id")
    private Arm arm;

    @Column(nullable = false)
    private Instant assignedAt;

    @Column(nullable = false, length = 60)
    private String assignedBy;

    @Version
    private long version;

    protected RandomisationAssignment() {}

    public RandomisationAssignment(Subject subject, int stratumPosition, int blockNumber, Arm arm, Instant assignedAt,
            String assignedBy) {
        this.subject = Objects.requireNonNull(subject);
        this.study = subject.getStudy();
        this.site = subject.getSite();
        this.stratumPosition = stratumPosition;
        this.blockNumber = blockNumber;
        this.arm = Objects.requireNonNull(arm);
        this.assignedAt = Objects.requireNonNull(assignedAt);
        this.assignedBy = Objects.requireNonNull(assignedBy);
    }

    public Long getId() {
        return id;
    }

    public Study getStudy() {
        return study;
    }

    public Site getSite() {
        return site;
    }

    public int getStratumPosition() {
        return stratumPosition;
    }

    public int getBlockNumber() {
        return blockNumber;
    }

    public Subject getSubject() {
        return subject;
    }

    public Arm getArm() {
        return arm;
    }

    public Instant getAssignedAt() {
        return assignedAt;
    }

    public String getAssignedBy() {
        return assignedBy;
    }

    public long getVersion() {
        return version;
    }
}
