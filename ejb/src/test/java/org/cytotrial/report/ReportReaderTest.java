package org.cytotrial.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.transform.stream.StreamSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.cytotrial.analysis.MarkerSummary;
import org.cytotrial.report.odm.OdmExport;
import org.cytotrial.report.odm.OdmWriterTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader's SQL on the demo database engine (H2 in PostgreSQL mode, real migrations), against
 * the same study derived straight from its CSV: the same outcomes, the same marker summaries by
 * both of its strategies (and those equal the study's independently computed expected.json), one
 * wide row per subject-visit, and valid listings and ODM.
 */
class ReportReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"IL2-MM", "RECIST-DEMO"})
    void outcomesAndMarkersFromSqlEqualThoseFromTheCsv(String study) throws Exception {
        H2Study h2 = H2Study.load(study);
        for (LocalDate cutoff : new LocalDate[] {null, study.equals("IL2-MM") ? LocalDate.of(1992, 1, 1)
                : LocalDate.of(2019, 6, 30)}) {
            ReportScope scope = h2.scope(cutoff);
            ReportReader reader = new ReportReader(h2.connection, scope);
            ReportData fromSql = reader.read(new ReportProgress(), Instant.now(), "test");
            ReportData fromCsv = h2.demo.data(h2.demo.scope(cutoff));

            Map<String, SubjectOutcome> expected = new HashMap<>();
            fromCsv.outcomes().forEach(o -> expected.put(o.subject(), o));
            assertEquals(expected.size(), fromSql.outcomes().size(), "treated subjects, cut-off " + cutoff);
            for (SubjectOutcome o : fromSql.outcomes()) {
                SubjectOutcome e = expected.get(o.subject());
                assertNotNull(e, o.subject());
                assertEquals(e.bor(), o.bor(), o.subject());
                assertEquals(e.pfs(), o.pfs(), o.subject());
                assertEquals(e.bestPercentChange(), o.bestPercentChange(), o.subject());
                assertEquals(e.arm(), o.arm());
                assertEquals(e.site(), o.site());
            }
            assertEquals(fromCsv.visitCount(), fromSql.visitCount());
            assertEquals(new HashSet<>(fromCsv.markerSummaries()), new HashSet<>(fromSql.markerSummaries()),
                    "marker summaries, cut-off " + cutoff);

            List<MarkerSummary> inMemory = new ArrayList<>();
            List<MarkerSummary> sorted = new ArrayList<>();
            reader.markerSummaries(inMemory::add, new HashSet<>(), true);
            reader.markerSummaries(sorted::add, new HashSet<>(), false);
            assertEquals(sorted.size(), inMemory.size());
            assertEquals(new HashSet<>(sorted), new HashSet<>(inMemory), "both strategies give the same summaries");

            List<VisitRow> rows = new ArrayList<>();
            try (ReportData.VisitCursor cursor = fromSql.visits().open()) {
                for (VisitRow r = cursor.next(); r != null; r = cursor.next()) {
                    rows.add(r);
                }
            }
            // the other strategy: results read a second time with the visits, in the database's order
            List<VisitRow> streamed = new ArrayList<>();
            try (ReportData.VisitCursor cursor = reader.visitCursor(fromSql.markers())) {
                for (VisitRow r = cursor.next(); r != null; r = cursor.next()) {
                    streamed.add(r);
                }
            }
            assertEquals(rows.size(), streamed.size());
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(rows.get(i).subject() + rows.get(i).visitNumber() + java.util.Arrays.toString(rows.get(i).values()),
                        streamed.get(i).subject() + streamed.get(i).visitNumber()
                                + java.util.Arrays.toString(streamed.get(i).values()));
            }
            assertEquals(fromSql.visitCount(), rows.size());
            List<VisitRow> csvRows = new ArrayList<>();
            try (ReportData.VisitCursor cursor = fromCsv.visits().open()) {
                for (VisitRow r = cursor.next(); r != null; r = cursor.next()) {
                    csvRows.add(r);
                }
            }
            for (int i = 0; i < rows.size(); i++) {
                VisitRow a = rows.get(i);
                VisitRow b = csvRows.get(i);
                assertEquals(b.subject() + "/" + b.visitNumber(), a.subject() + "/" + a.visitNumber(), "row " + i);
                assertEquals(b.date(), a.date());
                assertEquals(b.studyDay(), a.studyDay());
                assertEquals(java.util.Arrays.toString(b.values()), java.util.Arrays.toString(a.values()));
            }
        }
        h2.connection.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"IL2-MM"})
    void markerSummariesFromSqlEqualTheIndependentlyComputedNumbers(String study) throws Exception {
        H2Study h2 = H2Study.load(study);
        ReportReader reader = new ReportReader(h2.connection, h2.scope(null));
        Map<String, MarkerSummary> computed = new HashMap<>();
        reader.markerSummaries(m -> computed.put(m.arm() + "/" + m.test() + "/" + m.visitNum(), m), new HashSet<>(),
                false);
        JsonObject expected = StudyWorkbookTest.expected(study);
        int checked = 0;
        for (JsonValue v : expected.getJsonArray("markers")) {
            JsonObject e = v.asJsonObject();
            MarkerSummary m = computed.get(e.getString("arm") + "/" + e.getString("test") + "/"
                    + e.getJsonNumber("visitnum").doubleValue());
            assertNotNull(m, e.toString());
            assertEquals(e.getInt("n"), m.n());
            assertEquals(e.getJsonNumber("median").doubleValue(), m.median(), 1e-9 * Math.max(1, Math.abs(m.median())));
            assertEquals(e.getJsonNumber("q3").doubleValue(), m.q3(), 1e-9 * Math.max(1, Math.abs(m.q3())));
            checked++;
        }
        assertEquals(expected.getJsonArray("markers").size(), checked);
        h2.connection.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"IL2-MM", "RECIST-DEMO"})
    void listingsAndOdmFromSql(String study) throws Exception {
        H2Study h2 = H2Study.load(study);
        ReportScope scope = h2.scope(null);
        CsvListings listings = new CsvListings(new ReportReader(h2.connection, scope), scope);
        Map<Listing, List<CSVRecord>> read = new HashMap<>();
        for (Listing listing : Listing.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            listings.write(listing, out);
            String text = out.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("\r\n"), "RFC 4180 line ends");
            read.put(listing, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(text)).getRecords());
        }
        assertEquals(h2.count("select count(*) from subject"), read.get(Listing.SUBJECTS).size());
        assertEquals(h2.count("select count(*) from visit"), read.get(Listing.VISITS).size());
        assertEquals(h2.count("select count(*) from response_assessment"), read.get(Listing.RESPONSES).size());
        assertEquals(h2.count("select count(*) from adverse_event"), read.get(Listing.ADVERSE_EVENTS).size());
        Set<String> headers = new HashSet<>(read.get(Listing.ADVERSE_EVENTS).isEmpty() ? List.of()
                : read.get(Listing.ADVERSE_EVENTS).get(0).getParser().getHeaderNames());
        assertFalse(headers.contains("Verbatim term"), "pseudonymised scope: no verbatim term");

        ByteArrayOutputStream odm = new ByteArrayOutputStream();
        new OdmExport(new ReportReader(h2.connection, scope), scope, "test").write(odm, Instant.now());
        OdmWriterTest.schema().newValidator().validate(new StreamSource(new ByteArrayInputStream(odm.toByteArray())));
        String xml = odm.toString(StandardCharsets.UTF_8);
        int itemData = xml.split("<ItemData ", -1).length - 1;
        assertTrue(itemData > h2.count("select count(*) from lab_result"), "every result and more: " + itemData);
        h2.connection.close();
    }
}
