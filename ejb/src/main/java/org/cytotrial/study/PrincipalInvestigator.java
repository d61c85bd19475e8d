package org.cytotrial.study;

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
import org.cytotrial.security.AppUser;
import org.hibernate.envers.Audited;

/**
 * An investigator named principal investigator of one study: sees and signs the subjects of every
 * site of that study, while holding the investigator role. Removing the grant deletes the row;
 * its history stays in the study's audit trail.
 */
@Entity
@Table(name = "study_principal_investigator")
@Audited
public class PrincipalInvestigator {

    @Id
    @GeneratedValue(generator = "study_principal_investigator_seq")
    @SequenceGenerator(name = "study_principal_investigator_seq", sequenceName = "study_principal_investigator_seq",
            allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "study_id")
    private Study study;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    private AppUser user;

    @Version
    private long version;

    protected PrincipalInvestigator() {}

    public PrincipalInvestigator(Study study, AppUser user) {
        this.study = Objects.requireNonNull(study);
        this.user = Objects.requireNonNull(user);
    }

    public Long getId() {
        return id;
    }

    public Study getStudy() {
        return study;
    }

    public AppUser getUser() {
        return user;
    }
}
