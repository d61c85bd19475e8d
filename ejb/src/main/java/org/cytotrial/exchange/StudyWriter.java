package org.cytotrial.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.cytotrial.exchange.SdtmRecords.AeRow;
import org.cytotrial.exchange.SdtmRecords.DmRow;
import org.cytotrial.exchange.SdtmRecords.DsRow;
import org.cytotrial.exchange.SdtmRecords.ExRow;
import org.cytotrial.exchange.SdtmRecords.LbRow;
import org.cytotrial.exchange.SdtmRecords.RsRow;
import org.cytotrial.exchange.SdtmRecords.TrRow;
import org.cytotrial.exchange.StudyPlan.LesionPlan;
import org.cytotrial.exchange.StudyPlan.SubjectPlan;
import org.cytotrial.exchange.StudyPlan.VisitPlan;
import org.cytotrial.marker.Cd4Cd8Ratio;
import org.cytotrial.marker.Marker;
import org.cytotrial.marker.MarkerCatalogue;
import org.cytotrial.marker.Quantity;

/**
 * Second pass of an import: writes what the validator planned with JDBC batches, on the
 * connection of the import's transaction, then copies the new rows into their audit tables
 * under the import's revision. Set-based where it can be: derived CD4/CD8 ratios and the audit
 * copies are single INSERT ... SELECT statements.
 */
final class StudyWriter {

    private final Connection connection;
    private final StudyPlan plan;
    private final MarkerCatalogue catalogue;
    private final SequenceIds ids;
    private final String nextValueExpression;
    private final long studyId;
    private final Map<String, Long> armIds;
    private final Map<String, Long> siteIds;

    /**
     * @param nextValueQuery the dialect's select-next-value query, with %s for the sequence
     * @param nextValueExpression the dialect's next-value expression usable in an INSERT, with %s
     */
    StudyWriter(Connection connection, String nextValueQuery, String nextValueExpression, StudyPlan plan,
            MarkerCatalogue catalogue, long studyId, Map<String, Long> armIds, Map<String, Long> siteIds) {
        this.connection = connection;
        this.plan = plan;
        this.catalogue = catalogue;
        this.ids = new SequenceIds(connection, nextValueQuery);
        this.nextValueExpression = nextValueExpression;
        this.studyId = studyId;
        this.armIds = armIds;
        this.siteIds = siteIds;
    }

    void write(StudyArchive archive) throws SQLException {
        writeSubjects();
        writeVisits();
        writeLesions();
        writeRows(archive, SdtmDomain.EX, this::exposure);
        writeRows(archive, SdtmDomain.DS, this::disposition);
        writeRows(archive, SdtmDomain.AE, this::adverseEvent);
        writeRows(archive, SdtmDomain.TR, this::measurement);
        writeRows(archive, SdtmDomain.RS, this::response);
        writeRows(archive, SdtmDomain.LB, this::labResult);
        deriveRatios();
    }

    private void writeSubjects() throws SQLException {
        try (BatchInsert insert = new BatchInsert(connection, "subject", "id", "study_id", "usubjid", "subjid", "site_id",
                "arm_id", "consent_date", "first_dose_date", "end_date", "death_date", "death_flag", "age", "age_unit",
                "sex", "country", "version")) {
            for (SubjectPlan subject : plan.subjectsByIndex) {
                DmRow dm = subject.dm;
                subject.id = ids.next("subject_seq");
                insert.set(subject.id).set(studyId).set(dm.usubjid()).set(dm.subjid()).set(siteIds.get(dm.siteId()))
                        .set(armIds.get(dm.armCode())).set(dm.consent()).set(dm.firstDose()).set(dm.end())
                        .set(dm.death()).set(dm.deathFlag()).set(dm.age()).set(dm.ageUnit()).set(dm.sex().name())
                        .set(dm.country()).set(0L).add();
            }
        }
    }

    private void writeVisits() throws SQLException {
        try (BatchInsert insert = new BatchInsert(connection, "visit", "id", "subject_id", "visit_number", "name",
                "visit_date", "status", "version")) {
            for (VisitPlan visit : plan.visits.values()) {
                visit.id = ids.next("visit_seq");
                insert.set(visit.id).set(plan.subjectsByIndex.get(visit.subjectIndex).id).set(visit.number)
                        .set(visit.name).set(visit.earliest).set("DONE").set(0L).add();
            }
        }
    }

    private void writeLesions() throws SQLException {
        try (BatchInsert insert = new BatchInsert(connection, "lesion", "id", "subject_id", "link_id", "seq", "kind",
                "location", "nodal", "identified_visit_id", "identified_on", "version")) {
            for (LesionPlan lesion : plan.lesions.values()) {
                lesion.id = ids.next("lesion_seq");
                insert.set(lesion.id).set(plan.subjectsByIndex.get(lesion.subjectIndex).id).set(lesion.tu.linkId())
                        .set(lesion.tu.seq()).set(lesion.tu.kind().name()).set(lesion.tu.location())
                        .set(org.cytotrial.response.Lesion.isNodalLocation(lesion.tu.location()))
                        .set(plan.visits.get(lesion.visitKey).id).set(lesion.tu.date()).set(0L).add();
            }
        }
    }

    /** Writes one streamed domain; the handler turns a parsed row into an insert. */
    private interface RowWriter {
        void write(Row row, Map<SdtmDomain, BatchInsert> inserts) throws SQLException;
    }

    private void writeRows(StudyArchive archive, SdtmDomain domain, RowWriter writer) throws SQLException {
        Optional<InputStream> in;
        try {
            in = archive.open(domain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (in.isEmpty()) {
            return;
        }
        Map<SdtmDomain, BatchInsert> inserts = new java.util.EnumMap<>(SdtmDomain.class);
        inserts.put(domain, insertFor(domain));
        ImportProblems unexpected = new ImportProblems();
        try (InputStream stream = in.get(); BatchInsert insert = inserts.get(domain);
                CsvRows rows = CsvRows.open(domain, stream, unexpected)) {
            SQLException[] failure = {null};
            Consumer<Row> handler = row -> {
                if (failure[0] == null) {
                    try {
                        writer.write(row, inserts);
                    } catch (SQLException e) {
                        failure[0] = e;
                    }
                }
            };
            if (rows != null) {
                rows.forEach(handler);
            }
            if (failure[0] != null) {
                throw failure[0];
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The validator read the same bytes; a difference now means the archive changed under us.
        if (!unexpected.isEmpty()) {
            unexpected.throwIfAny();
        }
    }

    private BatchInsert insertFor(SdtmDomain domain) throws SQLException {
        return switch (domain) {
            case EX -> new BatchInsert(connection, "exposure", "id", "subject_id", "seq", "treatment", "dose",
                    "dose_unit", "frequency", "route", "start_date", "end_date", "version");
            case DS -> new BatchInsert(connection, "disposition_event", "id", "subject_id", "seq", "term",
                    "decoded_term", "category", "event_date", "version");
            case AE -> new BatchInsert(connection, "adverse_event", "id", "subject_id", "seq", "term", "decoded_term",
                    "grade", "serious", "related", "start_date", "end_date", "version");
            case TR -> new BatchInsert(connection, "lesion_measurement", "id", "lesion_id", "visit_id", "seq",
                    "test_code", "test_name", "original_value", "original_unit", "diameter_mm", "measured_on", "version");
            case RS -> new BatchInsert(connection, "response_assessment", "id", "subject_id", "visit_id", "seq",
                    "test_code", "test_name", "response", "evaluator", "assessed_on", "version");
            case LB -> new BatchInsert(connection, "lab_result", "id", "subject_id", "visit_id", "seq", "test_code",
                    "test_name", "category", "original_value", "original_unit", "standard_value", "standard_unit",
                    "collected_on", "derived", "version");
            default -> throw new IllegalArgumentException(domain + " is not streamed");
        };
    }

    private long subjectId(String usubjid) {
        return plan.subjects.get(usubjid).id;
    }

    private long visitId(String usubjid, java.math.BigDecimal number) {
        SubjectPlan subject = plan.subjects.get(usubjid);
        return plan.visits.get(StudyPlan.visitKey(subject.index, plan.visitIndex(number))).id;
    }

    private void exposure(Row row, Map<SdtmDomain, BatchInsert> inserts) throws SQLException {
        ExRow ex = SdtmRecords.ex(row);
        inserts.get(SdtmDomain.EX).set(ids.next("exposure_seq")).set(subjectId(ex.usubjid())).set(ex.seq())
                .set(ex.treatment()).set(ex.dose()).set(ex.doseUnit()).set(ex.frequency()).set(ex.route())
                .set(ex.start()).set(ex.end()).set(0L).add();
    }

    private void disposition(Row row, Map<SdtmDomain, BatchInsert> inserts) throws SQLException {
        DsRow ds = SdtmRecords.ds(row);
        inserts.get(SdtmDomain.DS).set(ids.next("disposition_event_seq")).set(subjectId(ds.usubjid())).set(ds.seq())
                .set(ds.term()).set(ds.decodedTerm()).set(ds.category()).set(ds.date()).set(0L).add();
    }

    private void adverseEvent(Row row, Map<SdtmDomain, BatchInsert> inserts) throws SQLException {
        AeRow ae = SdtmRecords.ae(row);
        inserts.get(SdtmDomain.AE).set(ids.next("adverse_event_seq")).set(subjectId(ae.usubjid())).set(ae.seq())
                .set(ae.term()).set(ae.decodedTerm()).set(ae.grade()).set(ae.serious()).set(ae.related())
                .set(ae.start()).set(ae.end()).set(0L).add();
    }

    private void measurement(Row row, Map<SdtmDomain, BatchInsert> inserts) throws SQLException {
        TrRow tr = SdtmRecords.tr(row);
        SubjectPlan subject = plan.subjects.get(tr.usubjid());
        LesionPlan lesion = plan.lesions.get(StudyPlan.lesionKey(subject.index, tr.linkId()));
        inserts.get(SdtmDomain.TR).set(ids.next("lesion_measurement_seq")).set(lesion.id)
                .set(visitId(tr.usubjid(), tr.visitNumber())).set(tr.seq()).set(tr.testCode()).set(tr.testName())
                .set(tr.originalValue()).set(tr.originalUnit()).set(tr.diameterMm()).set(tr.date()).set(0L).add();
    }

    private void response(Row row, Map<SdtmDomain, BatchInsert> inserts) throws SQLException {
        RsRow rs = SdtmRecords.rs(row);
        inserts.get(SdtmDomain.RS).set(ids.next("response_assessment_seq")).set(subjectId(rs.usubjid()))
                .set(visitId(rs.usubjid(), rs.visitNumber())).set(rs.seq()).set(rs.testCode()).set(rs.testName())
                .set(rs.response()).set(rs.evaluator()).set(rs.date()).set(0L).add();
    }

    private void labResult(Row row, Map<SdtmDomain, BatchInsert> inserts) throws SQLException {
        LbRow lb = SdtmRecords.lb(row);
        Marker marker = catalogue.find(lb.testCode()).orElseThrow();
        Quantity standard = StudyValidator.standardise(row, marker, lb);
        inserts.get(SdtmDomain.LB).set(ids.next("lab_result_seq")).set(subjectId(lb.usubjid()))
                .set(visitId(lb.usubjid(), lb.visitNumber())).set(lb.seq()).set(lb.testCode())
                .set(lb.testName() == null ? marker.getName() : lb.testName()).set(lb.category())
                .set(lb.originalValue()).set(lb.originalUnit()).set(standard.value()).set(standard.unit())
                .set(lb.date()).set(false).set(0L).add();
    }

    /** CD4/CD8 for every visit of the study that has both, in one statement, by the rule of {@link Cd4Cd8Ratio}. */
    private void deriveRatios() throws SQLException {
        Optional<Marker> ratio = catalogue.find(Cd4Cd8Ratio.CODE);
        if (ratio.isEmpty()) {
            return;
        }
        String sql = "insert into lab_result (id, subject_id, visit_id, seq, test_code, test_name, category,"
                + " original_value, original_unit, standard_value, standard_unit, collected_on, derived, version)"
                + " select " + String.format(nextValueExpression, "lab_result_seq") + ", cd4.subject_id, cd4.visit_id,"
                + " null, ?, ?, ?, cast(round(cast(cd4.standard_value / cd8.standard_value as numeric), " + Cd4Cd8Ratio.SCALE + ") as varchar(40)),"
                + " ?, cd4.standard_value / cd8.standard_value, ?, cd4.collected_on, true, 0"
                + " from lab_result cd4 join lab_result cd8 on cd8.visit_id = cd4.visit_id and cd8.test_code = '" + Cd4Cd8Ratio.CD8 + "'"
                + " join subject s on s.id = cd4.subject_id"
                + " where cd4.test_code = '" + Cd4Cd8Ratio.CD4 + "' and s.study_id = ? and cd8.standard_value > 0";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Marker m = ratio.get();
            statement.setString(1, m.getCode());
            statement.setString(2, m.getName());
            statement.setString(3, m.getCategory());
            statement.setString(4, m.getStandardUnit());
            statement.setString(5, m.getStandardUnit());
            statement.setLong(6, studyId);
            statement.executeUpdate();
        }
    }

    /** Copies every row of the new study into its audit table under the import's revision. */
    void audit(long revision) throws SQLException {
        String subjects = "subject_id in (select id from subject where study_id = " + studyId + ")";
        auditTable("subject", "study_id = " + studyId, revision);
        auditTable("visit", subjects, revision);
        auditTable("lesion", subjects, revision);
        auditTable("lesion_measurement",
                "lesion_id in (select l.id from lesion l join subject s on s.id = l.subject_id where s.study_id = " + studyId + ")",
                revision);
        auditTable("response_assessment", subjects, revision);
        auditTable("exposure", subjects, revision);
        auditTable("disposition_event", subjects, revision);
        auditTable("adverse_event", subjects, revision);
        auditTable("lab_result", subjects, revision);
    }

    private void auditTable(String table, String where, long revision) throws SQLException {
        List<String> columns = columns(table);
        String list = String.join(", ", columns);
        String sql = "insert into " + table + "_aud (" + list + ", rev, revtype) select " + list + ", ?, 0 from " + table
                + " where " + where;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, revision);
            statement.executeUpdate();
        }
    }

    private List<String> columns(String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select * from " + table + " where 1 = 0");
                ResultSet rs = statement.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            }
            return columns;
        }
    }
}
