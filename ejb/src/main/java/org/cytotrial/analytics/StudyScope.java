package org.cytotrial.analytics;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.cytotrial.study.ResponseCriteria;

/**
 * What one user may analyse of one study: the study's rules and the sites whose subjects count.
 *
 * @param studyId      database id
 * @param code         study code
 * @param title        study title
 * @param criteria     response criteria (RECIST 1.1 or IMWG)
 * @param sdMinDays    minimum study day for SD and MR to count in the best response
 * @param mrLowPercent lower bound of the RECIST minor-response band, or null
 * @param siteIds      the visible sites; null means all sites
 * @param arms         the study's arms in the order they first appear in DM (the order of every
 *                     per-arm answer)
 */
public record StudyScope(long studyId, String code, String title, ResponseCriteria criteria, int sdMinDays,
        Double mrLowPercent, Set<Long> siteIds, List<ArmRef> arms) {

    public StudyScope {
        siteIds = siteIds == null ? null : Set.copyOf(siteIds);
        arms = List.copyOf(arms);
    }

    public boolean allSites() {
        return siteIds == null;
    }

    public Optional<ArmRef> arm(long id) {
        return arms.stream().filter(a -> a.id() == id).findFirst();
    }

    public Optional<ArmRef> arm(String armCode) {
        return arms.stream().filter(a -> a.code().equals(armCode)).findFirst();
    }

    /** Position of the arm in {@link #arms()}; arms not in the list sort last. */
    public int armRank(long id) {
        for (int i = 0; i < arms.size(); i++) {
            if (arms.get(i).id() == id) {
                return i;
            }
        }
        return arms.size();
    }

    /** SQL condition restricting a subject's site column to the visible sites (ids are ours, not input). */
    String siteCondition(String column) {
        if (siteIds == null) {
            return "";
        }
        if (siteIds.isEmpty()) {
            return " and 1 = 0";
        }
        StringBuilder in = new StringBuilder(" and ").append(column).append(" in (");
        String sep = "";
        for (Long id : new TreeSet<>(siteIds)) {
            in.append(sep).append(id.longValue());
            sep = ", ";
        }
        return in.append(')').toString();
    }

    /** Identifies the data this scope can see, for caching answers computed from it. */
    String visibilityKey() {
        return studyId + (siteIds == null ? "/all" : "/" + new TreeSet<>(siteIds));
    }
}
