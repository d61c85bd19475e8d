package org.cytotrial.signature;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cytotrial.audit.AuditContext;
import org.cytotrial.audit.AuditEntry;
import org.cytotrial.audit.AuditTrailService;
import org.cytotrial.platform.ConflictException;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.security.AccessDeniedException;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.security.ClinicalWriteGuard;
import org.cytotrial.security.Role;
import org.cytotrial.security.UserAccount;
import org.cytotrial.security.UserDirectory;
import org.cytotrial.study.Study;
import org.cytotrial.study.StudyService;
import org.cytotrial.subject.Subject;
import org.hibernate.Session;

/**
 * Signing a subject's data and telling whether signatures still hold.
 *
 * <p>Signing is an investigator's act for a subject they may see, on data that are not locked,
 * confirmed by re-entering the password (failures count towards the account lock-out like failed
 * logins). The signature stores the digest of the signed data; its status is recomputed from
 * the data every time it is shown, so no change can slip past it, and the audit trail names the
 * first change that broke it.
 */
@ApplicationScoped
@Transactional
public class SignatureService {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private AccessPolicy access;

    @Inject
    private StudyService studies;

    @Inject
    private ClinicalWriteGuard guard;

    @Inject
    private UserDirectory directory;

    @Inject
    private AuditTrailService auditTrail;

    private final Clock clock = Clock.systemUTC();

    public SignatureView sign(String studyCode, String usubjid, String scopeName, char[] password) {
        UserAccount user = access.requireRole(Role.INVESTIGATOR);
        Subject subject = subject(studyCode, usubjid);
        guard.lockForWrite(subject, Role.INVESTIGATOR);
        SignatureScope scope = parseScope(scopeName);
        if (password == null || password.length == 0) {
            throw new InvalidInputException("password", "re-enter your password to sign");
        }
        UserDirectory.Authentication check = directory.authenticate(user.username(), password);
        switch (check.outcome()) {
            case AUTHENTICATED -> {
                // the signer is who they say they are
            }
            case LOCKED -> throw new AccessDeniedException("Too many wrong passwords: the account is locked until "
                    + check.lockedUntil() + "; nothing was signed", true);
            default -> throw new InvalidInputException("password", "the password is not correct; nothing was signed");
        }
        SignedContent.Digest content = work(c -> new SignedContent(c).digest(subject.getId(), scope));
        if (content.records() == 0) {
            throw new InvalidInputException("scope", "subject " + subject.getUsubjid() + " has no "
                    + (scope == SignatureScope.RESPONSES ? "response assessments" : "data") + " to sign");
        }
        AuditContext.current().setReason("Electronic signature (" + scope.name() + "): " + scope.meaning());
        ESignature signature = new ESignature(subject, scope, user.username(), user.fullName(), clock.instant(), content);
        em.persist(signature);
        em.flush();
        return view(signature, SignatureStatus.VALID, null);
    }

    /** The subject's signatures with their status; any role that sees the subject may read them. */
    public SubjectSignatures signatures(String studyCode, String usubjid) {
        UserAccount user = access.requireUser();
        Subject subject = subject(studyCode, usubjid);
        List<ESignature> all = em.createQuery("select e from ESignature e where e.subject = :subject"
                        + " order by e.signedAt desc, e.id desc", ESignature.class)
                .setParameter("subject", subject)
                .getResultList();
        Map<SignatureScope, SignedContent.Digest> current = new EnumMap<>(SignatureScope.class);
        for (ESignature signature : all) {
            if (!current.containsKey(signature.getScope())) {
                current.put(signature.getScope(),
                        work(c -> new SignedContent(c).digest(subject.getId(), signature.getScope())));
            }
        }
        Map<SignatureScope, SignatureStatus> latest = new EnumMap<>(SignatureScope.class);
        List<SignatureView> views = new ArrayList<>();
        for (ESignature signature : all) {
            SignatureStatus status;
            SignatureView.Change broken = null;
            if (latest.containsKey(signature.getScope())) {
                status = SignatureStatus.SUPERSEDED;
            } else {
                boolean holds = current.get(signature.getScope()).hex().equals(signature.getContentDigest());
                status = holds ? SignatureStatus.VALID : SignatureStatus.INVALID;
                latest.put(signature.getScope(), status);
                if (!holds) {
                    broken = firstChangeAfter(signature).orElse(null);
                }
            }
            views.add(view(signature, status, broken));
        }
        String locked = null;
        try {
            guard.requireOpen(subject);
        } catch (ConflictException e) {
            locked = e.getMessage();
        }
        return new SubjectSignatures(subject.getStudy().getCode(), subject.getUsubjid(), subject.getSite().getCode(),
                latest.getOrDefault(SignatureScope.RESPONSES, SignatureStatus.UNSIGNED),
                latest.getOrDefault(SignatureScope.CASEBOOK, SignatureStatus.UNSIGNED), views,
                user.has(Role.INVESTIGATOR) && locked == null, locked);
    }

    /** The subject's response assessments in visit order: what a RESPONSES signature covers. */
    public List<SignedResponse> responses(String studyCode, String usubjid) {
        access.requireUser();
        Subject subject = subject(studyCode, usubjid);
        return em.createQuery("select new org.cytotrial.signature.SignedResponse(v.number, v.name, r.assessedOn, r.testCode,"
                        + " r.response, r.evaluator, r.reviewStatus, r.reviewReason)"
                        + " from ResponseAssessment r join r.visit v where r.subject = :subject order by v.number, r.assessedOn, r.id",
                        SignedResponse.class)
                .setParameter("subject", subject)
                .getResultList();
    }

    /** A page of the study's subjects (those the caller sees) with the state of their signatures. */
    public SignatureOverview overview(String studyCode, int first, int max) {
        UserAccount user = access.requireUser();
        Study study = studies.requireVisible(studyCode);
        if (first < 0 || max < 1 || max > 500) {
            throw new InvalidInputException("max", "first must be 0 or more and max between 1 and 500");
        }
        String siteFilter = user.seesAllSitesOf(study.getId()) ? "" : " and s.site.id in :sites";
        var count = em.createQuery("select count(s) from Subject s where s.study = :study" + siteFilter, Long.class)
                .setParameter("study", study);
        var page = em.createQuery("select s.id, s.usubjid, s.site.code from Subject s where s.study = :study" + siteFilter
                        + " order by s.usubjid", Object[].class)
                .setParameter("study", study)
                .setFirstResult(first)
                .setMaxResults(max);
        if (!user.seesAllSitesOf(study.getId())) {
            Set<Long> sites = user.siteIds().isEmpty() ? Set.of(-1L) : user.siteIds();
            count.setParameter("sites", sites);
            page.setParameter("sites", sites);
        }
        Map<Long, Object[]> subjects = new LinkedHashMap<>();
        for (Object[] row : page.getResultList()) {
            subjects.put((Long) row[0], row);
        }
        Map<Long, Map<SignatureScope, ESignature>> latest = new HashMap<>();
        if (!subjects.isEmpty()) {
            for (ESignature signature : em.createQuery("select e from ESignature e where e.subject.id in :ids"
                            + " order by e.signedAt desc, e.id desc", ESignature.class)
                    .setParameter("ids", subjects.keySet()).getResultList()) {
                latest.computeIfAbsent(signature.getSubject().getId(), k -> new EnumMap<>(SignatureScope.class))
                        .putIfAbsent(signature.getScope(), signature);
            }
        }
        Map<SignatureScope, Map<Long, SignedContent.Digest>> digests = new EnumMap<>(SignatureScope.class);
        for (SignatureScope scope : SignatureScope.values()) {
            List<Long> signed = latest.entrySet().stream().filter(e -> e.getValue().containsKey(scope)).map(Map.Entry::getKey)
                    .toList();
            digests.put(scope, work(c -> new SignedContent(c).digests(signed, scope)));
        }
        List<SignatureOverview.Row> rows = new ArrayList<>();
        for (Map.Entry<Long, Object[]> entry : subjects.entrySet()) {
            Map<SignatureScope, ESignature> mine = latest.getOrDefault(entry.getKey(), Map.of());
            ESignature last = mine.values().stream().max(java.util.Comparator.comparing(ESignature::getSignedAt)).orElse(null);
            rows.add(new SignatureOverview.Row((String) entry.getValue()[1], (String) entry.getValue()[2],
                    status(mine.get(SignatureScope.RESPONSES), digests.get(SignatureScope.RESPONSES)),
                    status(mine.get(SignatureScope.CASEBOOK), digests.get(SignatureScope.CASEBOOK)),
                    last == null ? null : last.getSignerUsername(), last == null ? null : last.getSignedAt()));
        }
        return new SignatureOverview(count.getSingleResult(), first, rows);
    }

    private static SignatureStatus status(ESignature signature, Map<Long, SignedContent.Digest> digests) {
        if (signature == null) {
            return SignatureStatus.UNSIGNED;
        }
        SignedContent.Digest now = digests.get(signature.getSubject().getId());
        return now != null && now.hex().equals(signature.getContentDigest()) ? SignatureStatus.VALID : SignatureStatus.INVALID;
    }

    private Optional<SignatureView.Change> firstChangeAfter(ESignature signature) {
        Number revision = (Number) em.createNativeQuery("select min(rev) from e_signature_aud where id = ?")
                .setParameter(1, signature.getId())
                .getSingleResult();
        if (revision == null) {
            return Optional.empty();
        }
        Optional<AuditEntry> change = auditTrail.firstChangeAfter(signature.getSubject().getId(), revision.longValue(),
                signature.getScope().auditedTables());
        return change.map(e -> new SignatureView.Change(e.revision(), e.recordedAt(), e.username(), e.reason(), e.record(),
                e.entity()));
    }

    private Subject subject(String studyCode, String usubjid) {
        Study study = studies.requireVisible(studyCode);
        Subject subject = em.createQuery("select s from Subject s join fetch s.site where s.study = :study"
                        + " and s.usubjid = :usubjid", Subject.class)
                .setParameter("study", study)
                .setParameter("usubjid", usubjid)
                .getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("No subject " + usubjid + " in study " + study.getCode()));
        guard.requireVisible(subject);
        return subject;
    }

    private static SignatureScope parseScope(String scope) {
        try {
            return SignatureScope.valueOf(scope == null ? "" : scope.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("scope", "'" + scope + "' is not a signature scope; use RESPONSES or CASEBOOK");
        }
    }

    private static SignatureView view(ESignature s, SignatureStatus status, SignatureView.Change broken) {
        return new SignatureView(s.getId(), s.getScope().name(), s.getMeaning(), s.getSignerUsername(), s.getSignerName(),
                s.getSignedAt(), s.getRecordCount(), status, broken);
    }

    private interface Work<T> {
        T run(java.sql.Connection connection) throws SQLException;
    }

    private <T> T work(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }
}
