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
import java.util.Objects;
import org.hibernate.envers.Audited;

/** A treatment arm of a study (SDTM ARMCD/ARM), e.g. low-dose rIL-2 or anti-IL-6R. */
@Entity
@Table(name = "arm")
@Audited
public class Arm {

    @Id
    @GeneratedValue(generator = "arm_seq")
    @SequenceGenerator(name = "arm_seq", sequenceName = "arm_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "study_id")
    private Study study;

    @Column(nullable = false, length = 20)
    private String code;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(length = 2000)
    private String regimen;

    @Version
    private long version;

    protected Arm() {}

    Arm(Study study, String code, String name, String regimen) {
        this.study = Objects.requireNonNull(study);
        this.code = Objects.requireNonNull(code);
        this.name = Objects.requireNonNull(name);
        this.regimen = regimen;
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

    public String getName() {
        return name;
    }

    public String getRegimen() {
        return regimen;
    }

    public long getVersion() {
        return version;
    }

    public void describe(String newName, String newRegimen) {
        this.name = Objects.requireNonNull(newName);
        this.regimen = newRegimen;
    }
}
