package org.cytotrial.lock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import org.cytotrial.study.Site;
import org.cytotrial.study.Study;
import org.cytotrial.study.StudyStatus;
import org.cytotrial.subject.Subject;

/**
 * The row locks that make a data lock exact: a lock commits either before a write checks for
 * locks (and the write is refused) or after the write has committed (and the lock's time is
 * after the write). Held until the transaction ends.
 *
 * <ul>
 *   <li>A write to a subject's data takes the <b>subject's row</b> first, and only then reads
 *       the study's status and the active locks ({@code ClinicalWriteGuard.lockForWrite}).</li>
 *   <li>A write that creates a subject (enrolment) or changes the study's set-up takes the
 *       <b>study's row</b> first, and only then reads the status and the locks of the study and
 *       the site.</li>
 *   <li>Placing or lifting a lock takes the <b>study's row</b>, then the rows of every subject the
 *       lock covers, in id order (subject: that one; site: the site's subjects; study: all of
 *       them), before it checks for a lock already there and writes its own.</li>
 * </ul>
 *
 * <p>So a lock placement waits for every write in flight on what it covers and holds off any
 * write that starts meanwhile; the write then reads the lock, committed. This relies on READ
 * COMMITTED (the datasource's isolation on PostgreSQL and H2): each statement sees what was
 * committed before it began. Deadlock-free because rows are always taken in one order — study
 * before subjects, subjects by id — and a write that holds a subject's row never asks for the
 * study's. The plain {@code FOR UPDATE} (portable to H2) also holds off, on PostgreSQL, the
 * foreign-key checks of rows inserted under the study (study parameters, arms, sites, criteria,
 * subjects, locks, principal investigators); those come from set-up, enrolment, grants and lock
 * placement, none of which holds a subject's row, so they wait without a cycle.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RowLocks {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    /**
     * Locks the subject's row (one {@code SELECT … FOR UPDATE} by primary key); the entity is
     * read again when another write changed the subject while this one waited, so version
     * checks after the lock compare with what is committed.
     */
    public void subject(Subject subject) {
        Object version = em.createNativeQuery("select version from subject where id = ?1 for update")
                .setParameter(1, subject.getId())
                .getSingleResult();
        if (((Number) version).longValue() != subject.getVersion()) {
            em.refresh(subject);
        }
    }

    /**
     * Locks the study's row and answers its status as committed now; the entity is read again
     * when another transaction changed the study since it was loaded (e.g. a study lock or
     * unlock that was committed while this one waited).
     */
    public StudyStatus study(Study study) {
        Object[] row = (Object[]) em.createNativeQuery("select version, status from study where id = ?1 for update")
                .setParameter(1, study.getId())
                .getSingleResult();
        if (((Number) row[0]).longValue() != study.getVersion()) {
            em.refresh(study);
        }
        return StudyStatus.valueOf((String) row[1]);
    }

    /** Locks the rows of the study's subjects, of one site when given, in id order; answers how many. */
    public int subjectsOf(Study study, Site site) {
        List<?> ids = (site == null
                ? em.createNativeQuery("select id from subject where study_id = ?1 order by id for update")
                        .setParameter(1, study.getId())
                : em.createNativeQuery("select id from subject where study_id = ?1 and site_id = ?2 order by id for update")
                        .setParameter(1, study.getId())
                        .setParameter(2, site.getId()))
                .getResultList();
        return ids.size();
    }

    /** The study's status as committed now, without a lock (a write holding a subject's row reads it). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public StudyStatus committedStatus(Study study) {
        Object status = em.createNativeQuery("select status from study where id = ?1")
                .setParameter(1, study.getId())
                .getSingleResult();
        return StudyStatus.valueOf((String) status);
    }
}
