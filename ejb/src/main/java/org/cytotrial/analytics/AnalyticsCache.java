package org.cytotrial.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Remembers computed answers until the data changes, so that reading a study's summary,
 * markers or PFS again costs a lookup, not another pass over millions of rows.
 *
 * <p>The key of an answer is the question (what, with which parameters), the data the user may
 * see (study and sites), and the audit trail's state: every committed change of clinical data
 * (an import, an edit, a review) writes an audit revision in the same transaction, so the count
 * and the highest id of {@code audit_revision} change with it. Counting as well as taking the
 * maximum also catches a transaction that drew a lower revision id but committed later. Answers
 * must be immutable.
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

    private String dataVersion() {
        String[] version = new String[1];
        Jdbc.stream(em, "select count(*), coalesce(max(id), 0) from audit_revision", List.of(),
                rs -> version[0] = rs.getLong(1) + ":" + rs.getLong(2));
        return version[0];
    }
}
