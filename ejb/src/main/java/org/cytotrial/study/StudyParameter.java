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

/** One trial summary parameter (SDTM TS row) kept exactly as given, so exports reproduce it. */
@Entity
@Table(name = "study_parameter")
@Audited
public class StudyParameter {

    @Id
    @GeneratedValue(generator = "study_parameter_seq")
    @SequenceGenerator(name = "study_parameter_seq", sequenceName = "study_parameter_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "study_id")
    private Study study;

    /** Row order in TS, which the export keeps. */
    @Column(nullable = false)
    private int position;

    /** TSSEQ: numbers the rows of one parameter. */
    @Column(nullable = false)
    private int seq;

    @Column(nullable = false, length = 8)
    private String code;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "val", nullable = false, length = 4000)
    private String value;

    @Version
    private long version;

    protected StudyParameter() {}

    StudyParameter(Study study, int position, int seq, String code, String name, String value) {
        this.study = Objects.requireNonNull(study);
        this.position = position;
        this.seq = seq;
        this.code = Objects.requireNonNull(code);
        this.name = Objects.requireNonNull(name);
        this.value = Objects.requireNonNull(value);
    }

    public Long getId() {
        return id;
    }

    public int getPosition() {
        return position;
    }

    public int getSeq() {
        return seq;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public String getValue() {
        return value;
    }

    void changeValue(String newValue) {
        this.value = Objects.requireNonNull(newValue);
    }
}
