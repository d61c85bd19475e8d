package org.cytotrial.study;

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
import java.math.BigDecimal;
import java.util.Objects;
import org.hibernate.envers.Audited;

/**
 * One visit of the study's schedule: its number (SDTM VISITNUM), name, the planned study day
 * counted from first dose (day 1), and the window around it in days.
 */
@Entity
@Table(name = "visit_definition")
@Audited
public class VisitDefinition {

    @Id
    @GeneratedValue(generator = "visit_definition_seq")
    @SequenceGenerator(name = "visit_definition_seq", sequenceName = "visit_definition_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "study_id")
    private Study study;

    @Column(name = "visit_number", nullable = false, precision = 9, scale = 2)
    private BigDecimal number;

    @Column(nullable = false, length = 100)
    private String name;

    private Integer plannedDay;

    private int windowBefore;

    private int windowAfter;

    @Version
    private long version;

    protected VisitDefinition() {}

    VisitDefinition(Study study, BigDecimal number, String name, Integer plannedDay, int windowBefore, int windowAfter) {
        this.study = Objects.requireNonNull(study);
        this.number = Objects.requireNonNull(number);
        this.name = Objects.requireNonNull(name);
        reschedule(plannedDay, windowBefore, windowAfter);
    }

    public Long getId() {
        return id;
    }

    public Study getStudy() {
        return study;
    }

    public BigDecimal getNumber() {
        return number;
    }

    public String getName() {
        return name;
    }

    public Integer getPlannedDay() {
        return plannedDay;
    }

    public int getWindowBefore() {
        return windowBefore;
    }

    public int getWindowAfter() {
        return windowAfter;
    }

    public long getVersion() {
        return version;
    }

    public final void reschedule(Integer newPlannedDay, int newWindowBefore, int newWindowAfter) {
        if (newWindowBefore < 0 || newWindowAfter < 0) {
            throw new IllegalArgumentException("A visit window cannot be negative");
        }
        this.plannedDay = newPlannedDay;
        this.windowBefore = newWindowBefore;
        this.windowAfter = newWindowAfter;
    }
}
