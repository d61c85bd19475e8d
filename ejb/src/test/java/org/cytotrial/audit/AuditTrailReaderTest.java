package org.cytotrial.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.cytotrial.audit.AuditEntry.Action;
import org.cytotrial.audit.AuditEntry.FieldChange;
import org.cytotrial.testing.H2Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit trail as read from the real schema (H2, the demo's engine): a study imported at
 * revision 1, a lab value corrected at revision 2, an adverse event entered at 3 and deleted at
 * 4, a subject at another site at 1 as well.
 */
class AuditTrailReaderTest {

    private static final long SEED = 8_675_309_123L;
    private static final long T0 = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    private static Connection connection;

    @BeforeAll
    static void schemaWithHistory() throws SQLException {
        connection = DriverManager.getConnection(H2Schema.migrate("audit-reader"), "sa", "");
        try (Statement sql = connection.createStatement()) {
            sql.execute("insert into site (id, code, name) values (1, 'HAMBURG', 'Hamburg'), (2, 'KIEL', 'Kiel')");
            sql.execute("insert into study (id, code, title, response_criteria, status, created_at)"
                    + " values (1, 'ST', 'Study', 'IMWG', 'ACTIVE', timestamp with time zone '2024-05-01 10:00:00+00')");
            sql.execute("insert into subject (id, study_id, usubjid, site_id, sex) values (10, 1, 'ST-001', 1, 'F'),"
                    + " (11, 1, 'ST-002', 2, 'M')");
            sql.execute("insert into visit (id, subject_id, visit_number, name, status) values (100, 10, 1, 'BASELINE', 'DONE')");
            sql.execute("insert into lab_result (id, subject_id, visit_id, seq, test_code, test_name, original_value,"
                    + " original_unit, standard_value, standard_unit) values (1000, 10, 100, 1, 'EOS', 'Eosinophils', '0.3',"
                    + " '10^9/L', 0.3, '10^9/L')");
            revision(sql, 1, T0, "admin", "Study ST imported");
            sql.execute("insert into study_aud (id, rev, revtype, code, title, status) values (1, 1, 0, 'ST', 'Study', 'ACTIVE')");
            sql.execute("insert into subject_aud (id, rev, revtype, study_id, usubjid, site_id, sex) values"
                    + " (10, 1, 0, 1, 'ST-001', 1, 'F'), (11, 1, 0, 1, 'ST-002', 2, 'M')");
            sql.execute("insert into visit_aud (id, rev, revtype, subject_id, visit_number, name, status)"
                    + " values (100, 1, 0, 10, 1, 'BASELINE', 'DONE')");
            sql.execute("insert into lab_result_aud (id, rev, revtype, subject_id, visit_id, seq, test_code, test_name,"
                    + " original_value, original_unit, standard_value, standard_unit, derived, version)"
                    + " values (1000, 1, 0, 10, 100, 1, 'EOS', 'Eosinophils', '0.2', '10^9/L', 0.2, '10^9/L', false, 0)");
            revision(sql, 2, T0 + 86_400_000L, "coordinator", "transcription error");
            sql.execute("insert into lab_result_aud (id, rev, revtype, subject_id, visit_id, seq, test_code, test_name,"
                    + " original_value, original_unit, standard_value, standard_unit, derived, version)"
                    + " values (1000, 2, 1, 10, 100, 1, 'EOS', 'Eosinophils', '0.3', '10^9/L', 0.3, '10^9/L', false, 1)");
            revision(sql, 3, T0 + 2 * 86_400_000L, "coordinator", "first entry");
            sql.execute("insert into adverse_event_aud (id, rev, revtype, subject_id, term, grade, serious, related, start_date)"
                    + " values (500, 3, 0, 10, '<b>Fever</b>', 2, false, true, date '2024-05-02')");
            revision(sql, 4, T0 + 3 * 86_400_000L, "coordinator", "entered for the wrong subject");
            sql.execute("insert into adverse_event_aud (id, rev, revtype, subject_id, term, grade, serious, related, start_date)"
                    + " values (500, 4, 2, 10, '<b>Fever</b>', 2, false, true, date '2024-05-02')");

            sql.execute("insert into arm (id, study_id, code, name) values (20, 1, 'A', 'Arm A'), (21, 1, 'B', 'Arm B')");
            sql.execute("insert into eligibility_criterion (id, study_id, code, category, text, position) values"
                    + " (30, 1, 'IN01', 'INCLUSION', 'Measurable disease', 1), (31, 1, 'EX01', 'EXCLUSION', 'Active infection', 2)");
            revision(sql, 5, T0 + 4 * 86_400_000L, "admin", "randomised study");
            sql.execute("insert into study_aud (id, rev, revtype, code, title, status, randomised, block_size, randomisation_seed)"
                    + " values (1, 5, 1, 'ST', 'Study', 'ACTIVE', true, 4, " + SEED + ")");
            sql.execute("insert into eligibility_criterion_aud (id, rev, revtype, study_id, code, category, text, position)"
                    + " values (30, 5, 0, 1, 'IN01', 'INCLUSION', 'Measurable disease', 1),"
                    + " (31, 5, 0, 1, 'EX01', 'EXCLUSION', 'Active infection', 2)");
            sql.execute("insert into subject (id, study_id, usubjid, site_id, sex, arm_id) values (12, 1, 'ST-003', 1, 'F', 21)");
            revision(sql, 6, T0 + 5 * 86_400_000L, "coordinator", "first entry");
            sql.execute("insert into subject_aud (id, rev, revtype, study_id, usubjid, site_id, sex, arm_id) values"
                    + " (12, 6, 0, 1, 'ST-003', 1, 'F', 21)");
            sql.execute("insert into eligibility_answer_aud (id, rev, revtype, subject_id, criterion_id, met) values"
                    + " (40, 6, 0, 12, 30, true), (41, 6, 0, 12, 31, false)");
            sql.execute("insert into randomisation_assignment_aud (id, rev, revtype, study_id, site_id, stratum_position,"
                    + " block_number, subject_id, arm_id, assigned_at, assigned_by) values (50, 6, 0, 1, 1, 6, 2, 12, 21,"
                    + " timestamp with time zone '2024-05-06 10:00:00+00', 'coordinator')");
        }
    }

    private static void revision(Statement sql, long id, long at, String user, String reason) throws SQLException {
        sql.execute("insert into audit_revision (id, recorded_at, username, client_address, reason) values (" + id + ", " + at
                + ", '" + user + "', '10.0.0.7', '" + reason + "')");
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    private static List<AuditEntry> read(AuditScope.Level level, long owner, Set<Long> sites, AuditFilter filter,
            boolean newestFirst) throws SQLException {
        return read(level, owner, sites, filter, newestFirst, true);
    }

    private static List<AuditEntry> read(AuditScope.Level level, long owner, Set<Long> sites, AuditFilter filter,
            boolean newestFirst, boolean showsRestricted) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        new AuditTrailReader(connection, level, owner, sites, filter, showsRestricted).read(newestFirst, 0, -1, entries::add);
        return entries;
    }

    private static List<String> fields(AuditEntry entry) {
        return entry.changes().stream().map(FieldChange::field).toList();
    }

    @Test
    void aChangeShowsEachChangedFieldWithOldAndNewValueAndWhoWhenWhy() throws SQLException {
        List<AuditEntry> trail = read(AuditScope.Level.SUBJECT, 10, null, AuditFilter.NONE, true);
        AuditEntry change = trail.stream().filter(e -> e.revision() == 2).findFirst().orElseThrow();
        assertEquals(Action.CHANGED, change.action());
        assertEquals("Lab result", change.entity());
        assertEquals("ST-001 · BASELINE · EOS", change.record());
        assertEquals("coordinator", change.username());
        assertEquals("10.0.0.7", change.clientAddress());
        assertEquals("transcription error", change.reason());
        assertEquals(Instant.parse("2024-05-02T10:00:00Z"), change.recordedAt());
        assertEquals(List.of(new FieldChange("original value", "0.2", "0.3"), new FieldChange("standard value", "0.2", "0.3")),
                change.changes());
    }

    @Test
    void newestFirstAcrossTablesAndDeletionsKeepTheLastValues() throws SQLException {
        List<AuditEntry> trail = read(AuditScope.Level.SUBJECT, 10, null, AuditFilter.NONE, true);
        assertEquals(List.of(4L, 3L, 2L, 1L, 1L, 1L), trail.stream().map(AuditEntry::revision).toList());
        AuditEntry deleted = trail.get(0);
        assertEquals(Action.DELETED, deleted.action());
        assertEquals("entered for the wrong subject", deleted.reason());
        assertTrue(deleted.changes().contains(new FieldChange("term", "<b>Fever</b>", null)), deleted.changes()::toString);
        AuditEntry created = trail.get(1);
        assertEquals(Action.CREATED, created.action());
        assertTrue(created.changes().contains(new FieldChange("grade", null, "2")));
        assertTrue(created.changes().contains(new FieldChange("related", null, "true")));
        assertTrue(created.changes().stream().noneMatch(c -> c.field().equals("subject id")), "owner ids are not listed");

        List<AuditEntry> oldestFirst = read(AuditScope.Level.SUBJECT, 10, null, AuditFilter.NONE, false);
        assertEquals(List.of(1L, 1L, 1L, 2L, 3L, 4L), oldestFirst.stream().map(AuditEntry::revision).toList());
        assertEquals(List.of("Subject", "Visit", "Lab result"), oldestFirst.subList(0, 3).stream().map(AuditEntry::entity).toList());
    }

    @Test
    void aStudyTrailShowsOnlyTheSubjectsOfTheCallersSites() throws SQLException {
        List<AuditEntry> all = read(AuditScope.Level.STUDY, 1, null, AuditFilter.NONE, true);
        assertTrue(all.stream().anyMatch(e -> "ST-002".equals(e.subject())));
        assertTrue(all.stream().anyMatch(e -> e.entity().equals("Study")));
        List<AuditEntry> hamburg = read(AuditScope.Level.STUDY, 1, Set.of(1L), AuditFilter.NONE, true);
        assertTrue(hamburg.stream().noneMatch(e -> "ST-002".equals(e.subject())), hamburg::toString);
        assertTrue(hamburg.stream().anyMatch(e -> "ST-001".equals(e.subject())));
        assertEquals(all.size() - 1, hamburg.size());
        assertTrue(read(AuditScope.Level.STUDY, 1, Set.of(), AuditFilter.NONE, true).stream().allMatch(e -> e.subject() == null),
                "no sites: only the study's own records");
    }

    @Test
    void aVisitTrailHoldsTheVisitAndWhatWasRecordedAtIt() throws SQLException {
        List<AuditEntry> visit = read(AuditScope.Level.VISIT, 100, null, AuditFilter.NONE, true);
        assertEquals(List.of("Lab result", "Visit", "Lab result"), visit.stream().map(AuditEntry::entity).toList());
    }

    @Test
    void filtersCountsAndPages() throws SQLException {
        AuditTrailReader changes = new AuditTrailReader(connection, AuditScope.Level.SUBJECT, 10, null,
                new AuditFilter(null, null, null, true, null, null), true);
        assertEquals(2, changes.count(), "the correction and the deletion");
        assertEquals(6, new AuditTrailReader(connection, AuditScope.Level.SUBJECT, 10, null, AuditFilter.NONE, true).count());
        assertEquals(3, new AuditTrailReader(connection, AuditScope.Level.SUBJECT, 10, null,
                new AuditFilter(null, null, "coordinator", false, null, null), true).count());
        assertEquals(1, new AuditTrailReader(connection, AuditScope.Level.SUBJECT, 10, null,
                new AuditFilter(Instant.ofEpochMilli(T0 + 86_400_000L), Instant.ofEpochMilli(T0 + 2 * 86_400_000L), null, false,
                        null, null), true).count());
        AuditFilter afterImport = new AuditFilter(null, null, null, false, 1L, Set.of(AuditedTable.LAB_RESULT));
        assertEquals(List.of(2L), read(AuditScope.Level.SUBJECT, 10, null, afterImport, false).stream()
                .map(AuditEntry::revision).toList());

        List<AuditEntry> page = new ArrayList<>();
        new AuditTrailReader(connection, AuditScope.Level.SUBJECT, 10, null, AuditFilter.NONE, true).read(true, 2, 2, page::add);
        assertEquals(List.of(2L, 1L), page.stream().map(AuditEntry::revision).toList());
    }

    @Test
    void theCsvHasOneLinePerChangedFieldAndDefusesFormulas() throws SQLException {
        StringWriter out = new StringWriter();
        try (AuditCsv csv = new AuditCsv(out)) {
            new AuditTrailReader(connection, AuditScope.Level.SUBJECT, 10, null, new AuditFilter(null, null, null, true, null,
                    null), true).read(false, 0, -1, csv);
        }
        List<String> lines = out.toString().lines().toList();
        assertEquals(String.join(",", AuditCsv.HEADER), lines.get(0));
        assertTrue(lines.get(1).startsWith("2,2024-05-02T10:00:00Z,coordinator,10.0.0.7,transcription error,Lab result,ST-001,"
                + "BASELINE,EOS,1000,CHANGED,original value,0.2,0.3"), lines.get(1));
        assertEquals("'=HYPERLINK(\"http://x\")", AuditCsv.safe("=HYPERLINK(\"http://x\")"));
        assertEquals("'@SUM(A1)", AuditCsv.safe("@SUM(A1)"));
        assertEquals("'+1+2", AuditCsv.safe("+1+2"));
        assertEquals("-0.5", AuditCsv.safe("-0.5"));
        assertEquals("<b>Fever</b>", AuditCsv.safe("<b>Fever</b>"));
    }

    @Test
    void whatRevealsTheAllocationSequenceIsShownToAdministratorsOnly() throws SQLException {
        AuditEntry asOthersSeeIt = read(AuditScope.Level.STUDY, 1, Set.of(1L), AuditFilter.NONE, true, false).stream()
                .filter(e -> e.revision() == 5 && e.entity().equals("Study")).findFirst().orElseThrow();
        assertEquals(List.of(new FieldChange("randomised", null, "true")), asOthersSeeIt.changes(),
                "the study became randomised; its seed and block size stay hidden");
        AuditEntry asAdministratorsSeeIt = read(AuditScope.Level.STUDY, 1, null, AuditFilter.NONE, true, true).stream()
                .filter(e -> e.revision() == 5 && e.entity().equals("Study")).findFirst().orElseThrow();
        assertTrue(asAdministratorsSeeIt.changes().contains(new FieldChange("randomisation seed", null, String.valueOf(SEED))),
                asAdministratorsSeeIt::toString);
        assertTrue(asAdministratorsSeeIt.changes().contains(new FieldChange("block size", null, "4")));

        AuditEntry assignment = read(AuditScope.Level.SUBJECT, 12, null, AuditFilter.NONE, true, false).stream()
                .filter(e -> e.entity().equals("Randomisation")).findFirst().orElseThrow();
        assertEquals(List.of("assigned at", "assigned by"), fields(assignment),
                "without its block and position, from which the block size would follow");
        AuditEntry assignmentForAdministrators = read(AuditScope.Level.SUBJECT, 12, null, AuditFilter.NONE, true, true)
                .stream().filter(e -> e.entity().equals("Randomisation")).findFirst().orElseThrow();
        assertTrue(fields(assignmentForAdministrators).containsAll(List.of("block number", "stratum position")),
                assignmentForAdministrators::toString);

        for (AuditScope.Level level : AuditScope.Level.values()) {
            long owner = switch (level) {
                case STUDY -> 1;
                case SUBJECT -> 12;
                case VISIT -> 100;
            };
            StringWriter out = new StringWriter();
            try (AuditCsv csv = new AuditCsv(out)) {
                new AuditTrailReader(connection, level, owner, null, AuditFilter.NONE, false).read(false, 0, -1, csv);
            }
            assertFalse(out.toString().contains(String.valueOf(SEED)), level + " trail as CSV shows the seed");
            assertFalse(out.toString().contains("block size") || out.toString().contains("block number"), out::toString);
        }
    }

    @Test
    void anEnrolmentsEligibilityAnswersAndArmAssignmentAreInTheSubjectsTrail() throws SQLException {
        List<AuditEntry> enrolment = read(AuditScope.Level.SUBJECT, 12, null, AuditFilter.NONE, false, false);
        assertEquals(List.of("Subject", "Eligibility answer", "Eligibility answer", "Randomisation"),
                enrolment.stream().map(AuditEntry::entity).toList());
        assertTrue(enrolment.stream().allMatch(e -> e.revision() == 6 && e.reason().equals("first entry")));
        assertEquals("ST-003 · IN01", enrolment.get(1).record());
        assertEquals(List.of(new FieldChange("met", null, "true")), enrolment.get(1).changes());
        assertEquals("ST-003 · EX01", enrolment.get(2).record());
        assertEquals(List.of(new FieldChange("met", null, "false")), enrolment.get(2).changes());
        assertEquals("ST-003 · arm B", enrolment.get(3).record());
        assertTrue(enrolment.get(3).changes().contains(new FieldChange("assigned by", null, "coordinator")));

        List<AuditEntry> study = read(AuditScope.Level.STUDY, 1, Set.of(1L), AuditFilter.NONE, false, false);
        assertEquals(List.of("IN01", "EX01"), study.stream().filter(e -> e.entity().equals("Eligibility criterion"))
                .map(AuditEntry::record).toList(), "the checklist belongs to the study");
        assertEquals(4, study.stream().filter(e -> "ST-003".equals(e.subject())).count());
        assertTrue(read(AuditScope.Level.STUDY, 1, Set.of(2L), AuditFilter.NONE, false, false).stream()
                .noneMatch(e -> "ST-003".equals(e.subject())), "answers and assignments follow their subject's site");
    }

    /**
     * Every audit table is in the trail, except the reference data that belongs to no study (sites,
     * the marker catalogue) and the user accounts: a new audited table that nobody can see fails here.
     */
    @Test
    void everyAuditedClinicalTableIsInTheTrail() throws SQLException {
        Set<String> auditTables = new TreeSet<>();
        try (Statement sql = connection.createStatement();
                ResultSet rs = sql.executeQuery("select table_name from information_schema.tables"
                        + " where table_schema = 'public' and table_name like '%\\_aud' escape '\\'")) {
            while (rs.next()) {
                auditTables.add(rs.getString(1));
            }
        }
        Set<String> inTheTrail = new TreeSet<>();
        for (AuditedTable table : AuditedTable.values()) {
            inTheTrail.add(table.table() + "_aud");
        }
        Set<String> leftOut = new TreeSet<>(auditTables);
        leftOut.removeAll(inTheTrail);
        assertEquals(Set.of("site_aud", "marker_aud", "marker_unit_aud", "app_user_aud", "app_user_role_aud",
                "app_user_site_aud"), leftOut);
        assertTrue(auditTables.containsAll(inTheTrail), "every table of the trail has its audit table");
    }
}
