package org.cytotrial.exchange;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cytotrial.exchange.SdtmRecords.DmRow;
import org.cytotrial.exchange.SdtmRecords.TsRow;
import org.cytotrial.exchange.SdtmRecords.TuRow;

/**
 * What a validated upload will create: the study, its arms and sites, the subjects, each
 * subject's visits and lesions. Only keys and small rows are held here; the bulk rows (labs,
 * measurements, responses) are streamed from the archive again when written.
 */
final class StudyPlan {

    String sourceStudyId;
    String studyCode;
    /**
     * Where the study code came from, for problems about it: the first data row that carries
     * the STUDYID (file, line, column STUDYID), or the request's {@code code} parameter (file and
     * line null, column {@code code}).
     */
    Origin studyCodeOrigin;

    /** A place in the upload: file and line (the header is line 1) and column; null where they do not apply. */
    record Origin(String file, Integer line, String column) {
    }
    final List<TsRow> parameters = new ArrayList<>();
    final Map<String, String> arms = new LinkedHashMap<>();
    final Set<String> sites = new LinkedHashSet<>();
    final Map<String, SubjectPlan> subjects = new LinkedHashMap<>();
    final List<SubjectPlan> subjectsByIndex = new ArrayList<>();
    final List<BigDecimal> visitNumbers = new ArrayList<>();
    final Map<BigDecimal, Integer> visitNumberIndex = new HashMap<>();
    final Map<Long, VisitPlan> visits = new LinkedHashMap<>();
    final Map<String, LesionPlan> lesions = new LinkedHashMap<>();
    final TreeMap<BigDecimal, String> visitNames = new TreeMap<>();
    final Map<SdtmDomain, Integer> rowCounts = new LinkedHashMap<>();
    /** Standard SDTM columns of each file that the import left out (see SdtmDomain). */
    final Map<String, List<String>> columnsNotKept = new LinkedHashMap<>();

    static final class SubjectPlan {
        final int index;
        final DmRow dm;
        long id;

        SubjectPlan(int index, DmRow dm) {
            this.index = index;
            this.dm = dm;
        }
    }

    static final class VisitPlan {
        final int subjectIndex;
        final BigDecimal number;
        final String name;
        /** Where the visit was first named (file and line), for conflict messages. */
        final String origin;
        LocalDate earliest;
        long id;

        VisitPlan(int subjectIndex, BigDecimal number, String name, String origin) {
            this.subjectIndex = subjectIndex;
            this.number = number;
            this.name = name;
            this.origin = origin;
        }
    }

    static final class LesionPlan {
        final TuRow tu;
        final int subjectIndex;
        final long visitKey;
        long id;

        LesionPlan(TuRow tu, int subjectIndex, long visitKey) {
            this.tu = tu;
            this.subjectIndex = subjectIndex;
            this.visitKey = visitKey;
        }
    }

    int visitIndex(BigDecimal number) {
        return visitNumberIndex.computeIfAbsent(number, n -> {
            visitNumbers.add(n);
            return visitNumbers.size() - 1;
        });
    }

    static long visitKey(int subjectIndex, int visitIndex) {
        return ((long) subjectIndex << 24) | visitIndex;
    }

    static String lesionKey(int subjectIndex, String linkId) {
        return subjectIndex + "|" + linkId;
    }

    /** The planned study day of each visit number: the median day on which subjects had it. */
    Map<BigDecimal, Integer> plannedDays() {
        Map<BigDecimal, List<Long>> days = new HashMap<>();
        for (VisitPlan visit : visits.values()) {
            LocalDate firstDose = subjectsByIndex.get(visit.subjectIndex).dm.firstDose();
            if (visit.earliest != null && firstDose != null) {
                long day = visit.earliest.toEpochDay() - firstDose.toEpochDay();
                days.computeIfAbsent(visit.number, n -> new ArrayList<>()).add(day >= 0 ? day + 1 : day);
            }
        }
        Map<BigDecimal, Integer> planned = new HashMap<>();
        days.forEach((number, list) -> {
            list.sort(null);
            planned.put(number, Math.toIntExact(list.get(list.size() / 2)));
        });
        return planned;
    }
}
