package org.cytotrial.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.hibernate.Session;

/**
 * Remembers computed answers until the data changes, so that reading a study's summary,
 * markers or PFS again costs a lookup, not another pass over millions of rows.
 *
 * <p>The key of an answer is the question (what, with which parameters), the data the user may
 * see (study and sites), and the data version: the number of committed audit revisions. Every
 * committed change of clinical data (an import, an edit, a review) writes an audit revision in
 * the same transaction, so the number moves with it, whatever order transactions draw and commit
 * their revision ids in (the highest id alone would not). On PostgreSQL the number is kept by the
 * database as revisions commit (migration V62: counters a deferred trigger adds to at commit, summed
 * here), so a warm answer costs one read of 32 rows however long the trail; on H2 (the demo) it is
 * {@code count(*)} of {@code audit_revision}. The version is read before the answer is computed,
 * so an answer is never older than its key. Answers must be immutable.
 *
 * <p>Bounded (least recently used first out); {@code -Dcytotrial.analytics.cache=0} turns it
 * off, e.g. to measure computation times.
 */
@ApplicationScoped
public class AnalyticsCache {

    static final String CAPACITY_PROPERTY = "cytotrial.analytics.cache";
    private static final int DEFAULT_CAPACITY = 200;
    private static final Logger LOG = Logger.getLogger(AnalyticsCache.class.getName());

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    private final int capacity = Integer.getInteger(CAPACITY_PROPERTY, DEFAULT_CAPACITY);

    private final Map<String, Object> answers = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > capacity;
        }
    };

    /** Must run inside the transaction that would compute the answer. */
    @SuppressWarnings("unchecked")
    public <T> T get(StudyScope scope, String question, Supplier<T> compute) {
        if (capacity <= 0) {
            return compute.get();
        }
        String key = scope.visibilityKey() + "|" + question + "|" + dataVersion();
        synchronized (answers) {
            Object known = answers.get(key);
            if (known != null) {
                return (T) known;
            }
        }
        long started = System.nanoTime();
        T answer = compute.get();
        LOG.fine(() -> "Computed " + question + " for study " + scope.code() + " in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
        synchronized (answers) {
            answers.put(key, answer);
        }
        return answer;
    }

    private long dataVersion() {
        long[] version = new long[1];
        em.unwrap(Session.class).doWork(connection -> version[0] = DataVersion.read(connection));
        return version[0];
    }
}
