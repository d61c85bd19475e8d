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
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import org.cytotrial.subject.Subject;
import org.cytotrial.visit.Visit;
import org.hibernate.envers.Audited;

/**
 * A tumour lesion (SDTM TU row, linked to its measurements by TULNKID). Target lesions are
 * identified at baseline; new lesions appear at the visit they are found. Lymph nodes are
 * measured in short axis and count as gone below 10 mm.
 */
@Entity
@Table(name = "lesion")
@Audited
public class Lesion {

    @Id
    @GeneratedValue(generator = "lesion_seq")
    @SequenceGenerator(name = "lesion_seq", sequenceName = "lesion_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "subject_id")
    private Subject subject;

    @Column(nullable = false, length = 20)
    private String linkId;

    private Integer seq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private LesionKind kind;

    @Column(length = 100)
    private String location;

    private boolean nodal;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "identified_visit_id")
    private Visit identifiedAt;

    private LocalDate identifiedOn;

    @Version
    private long version;

    protected Lesion() {}

    public Lesion(Visit identifiedAt, String linkId, Integer seq, LesionKind kind, String location, LocalDate identifiedOn) {
        this.identifiedAt = Objects.requireNonNull(identifiedAt);
        this.subject = identifiedAt.getSubject();
        this.linkId = Objects.requireNonNull(linkId);
        this.seq = seq;
        this.kind = Objects.requireNonNull(kind);
        this.location = location;
        this.nodal = isNodalLocation(location);
        this.identifiedOn = identifiedOn;
    }

    public static boolean isNodalLocation(String location) {
        return location != null && location.toUpperCase(Locale.ROOT).contains("NODE");
    }

    public Long getId() {
        return id;
    }

    public Subject getSubject() {
        return subject;
    }

    public String getLinkId() {
        return linkId;
    }

    public Integer getSeq() {
        return seq;
    }

    public LesionKind getKind() {
        return kind;
    }

    public String getLocation() {
        return location;
    }

    public boolean isNodal() {
        return nodal;
    }

    public Visit getIdentifiedAt() {
        return identifiedAt;
    }

    public LocalDate getIdentifiedOn() {
        return identifiedOn;
    }

    public long getVersion() {
        return version;
    }

    /** Follows a change of the date of the visit the lesion was identified at. */
    public void redate(LocalDate newIdentifiedOn) {
        this.identifiedOn = newIdentifiedOn;
    }

    public void relocate(String newLocation) {
        this.location = newLocation;
        this.nodal = isNodalLocation(newLocation);
    }
}
