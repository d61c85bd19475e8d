package org.cytotrial.signature;

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
import java.util.Objects;
import org.cytotrial.subject.Subject;
import org.hibernate.envers.Audited;

/**
 * An electronic signature of a subject's data: who signed (user name and printed name), when
 * (UTC), what it means, and the digest of the data as signed. Never changed after creation (on
 * PostgreSQL a trigger refuses updates and deletes); a later signature of the same scope
 * supersedes it.
 */
@Entity
@Table(name = "e_signature")
@Audited
public class ESignature {

    @Id
    @GeneratedValue(generator = "e_signature_seq")
    @SequenceGenerator(name = "e_signature_seq", sequenceName = "e_signature_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "subject_id")
    private Subject subject;

    @Enumerated(EnumType.STRING)
    @Column(name = "signed_scope", nullable = false, length = 20)
    private SignatureScope scope;

    @Column(nullable = false, length = 400)
    private String meaning;

    @Column(nullable = false, length = 60)
    private String signerUsername;

    @Column(nullable = false, length = 200)
    private String signerName;

    @Column(nullable = false)
    private Instant signedAt;

    @Column(nullable = false, length = 64)
    private String contentDigest;

    private int recordCount;

    @Version
    private long version;

    protected ESignature() {}

    ESignature(Subject subject, SignatureScope scope, String signerUsername, String signerName, Instant signedAt,
            SignedContent.Digest content) {
        this.subject = Objects.requireNonNull(subject);
        this.scope = Objects.requireNonNull(scope);
        this.meaning = scope.meaning();
        this.signerUsername = Objects.requireNonNull(signerUsername);
        this.signerName = Objects.requireNonNull(signerName);
        this.signedAt = Objects.requireNonNull(signedAt);
        this.contentDigest = content.hex();
        this.recordCount = content.records();
    }

    public Long getId() {
        return id;
    }

    public Subject getSubject() {
        return subject;
    }

    public SignatureScope getScope() {
        return scope;
    }

    public String getMeaning() {
        return meaning;
    }

    public String getSignerUsername() {
        return signerUsername;
    }

    public String getSignerName() {
        return signerName;
    }

    public Instant getSignedAt() {
        return signedAt;
    }

    public String getContentDigest() {
        return contentDigest;
    }

    public int getRecordCount() {
        return recordCount;
    }

    public long getVersion() {
        return version;
    }
}
