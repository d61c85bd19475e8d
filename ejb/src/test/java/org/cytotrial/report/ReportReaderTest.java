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
            assertEquals(adverseEvents(fromCsv), adverseEvents(fromSql), "adverse events, cut-off " + cutoff);

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

    /** Arm / term -> treated in arm and subjects by worst grade, whatever the order of the rows. */
    private static Map<String, String> adverseEvents(ReportData data) {
        Map<String, String> counts = new java.util.TreeMap<>();
        for (AdverseEventCount c : data.adverseEvents()) {
            String key = c.arm() + " / " + c.term();
            assertFalse(counts.containsKey(key), "one count per arm and term: " + key);
            counts.put(key, c.subjectsInArm() + " treated, by worst grade " + java.util.Arrays.toString(c.byWorstGrade()));
        }
        return counts;
    }

    /**
     * A data cut-off on IL2-MM, 1992-09-01, where several subjects progressed soon after it: as the
     * study would have looked that day. A PD after the cut-off is not yet known, so the subject is
     * censored at the last assessment on or before it; no PFS time exceeds cut-off - first dose + 1;
     * adverse events and marker results after it are left out; the listings drop later rows and
     * blank later dates. Every expectation is counted here from the study's CSV files.
     */
    @ParameterizedTest
    @ValueSource(strings = {"IL2-MM"})
    void aCutOffShowsTheStudyAsItWasThatDay(String study) throws Exception {
        LocalDate cutoff = LocalDate.of(1992, 9, 1);
        H2Study h2 = H2Study.load(study);
        Map<String, LocalDate> firstDose = new HashMap<>();
        Map<String, LocalDate> death = new HashMap<>();
        for (CSVRecord r : records(h2, "DM.csv")) {
            firstDose.put(r.get("USUBJID"), DemoReportData.date(r.get("RFSTDTC")));
            death.put(r.get("USUBJID"), DemoReportData.date(r.get("DTHDTC")));
        }
        Map<String, List<CSVRecord>> responses = new HashMap<>();
        for (CSVRecord r : records(h2, "RS.csv")) {
            if (r.get("RSTESTCD").equals("OVRLRESP")) {
                responses.computeIfAbsent(r.get("USUBJID"), k -> new ArrayList<>()).add(r);
            }
        }

        ReportReader reader = new ReportReader(h2.connection, h2.scope(cutoff, false));
        ReportData data = reader.read(new ReportProgress(), Instant.now(), "test");
        Map<String, SubjectOutcome> all = new HashMap<>();
        new ReportReader(h2.connection, h2.scope(null)).outcomes().forEach(o -> all.put(o.subject(), o));
        int censoredByTheCutoff = 0;
        for (SubjectOutcome o : data.outcomes()) {
            LocalDate dose = firstDose.get(o.subject());
            assertFalse(dose.isAfter(cutoff), o.subject() + " was not treated by the cut-off");
            assertTrue(o.pfs().days() <= org.cytotrial.analysis.StudyDay.of(dose, cutoff), o.subject() + ": " + o.pfs());
            List<LocalDate> known = new ArrayList<>();
            LocalDate firstPd = null;
            for (CSVRecord r : responses.getOrDefault(o.subject(), List.of())) {
                LocalDate date = DemoReportData.date(r.get("RSDTC"));
                if (date.isAfter(dose) && !date.isAfter(cutoff) && !r.get("RSORRES").equals("NE")) {
                    known.add(date);
                }
                if (r.get("RSORRES").equals("PD") && (firstPd == null || date.isBefore(firstPd))) {
                    firstPd = date;
                }
            }
            LocalDate died = death.get(o.subject());
            boolean progressedLater = firstPd != null && firstPd.isAfter(cutoff)
                    && (died == null || died.isAfter(cutoff));
            if (progressedLater) {
                censoredByTheCutoff++;
                LocalDate last = known.stream().max(LocalDate::compareTo).orElse(null);
                assertEquals(new org.cytotrial.analysis.PfsOutcome(last == null ? 1
                        : org.cytotrial.analysis.StudyDay.of(dose, last), false), o.pfs(),
                        o.subject() + " progressed on " + firstPd + ", after the cut-off");
                assertTrue(all.get(o.subject()).pfs().event(), o.subject() + " is an event without the cut-off");
            }
        }
        assertTrue(censoredByTheCutoff >= 3, "the fixture has progressions just after the cut-off: " + censoredByTheCutoff);

        // adverse events: onset on or before the cut-off, of subjects treated by then
        Set<String> withEvent = new HashSet<>();
        int eventsUpToCutoff = 0;
        for (CSVRecord r : records(h2, "AE.csv")) {
            LocalDate onset = DemoReportData.date(r.get("AESTDTC"));
            LocalDate dose = firstDose.get(r.get("USUBJID"));
            if (!onset.isAfter(cutoff)) {
                eventsUpToCutoff++;
                if (dose != null && !dose.isAfter(cutoff)) {
                    withEvent.add(r.get("USUBJID"));
                }
            }
        }
        int anyEvent = data.adverseEvents().stream().filter(c -> c.term().equals(AdverseEventCount.ANY))
                .mapToInt(AdverseEventCount::subjects).sum();
        assertEquals(withEvent.size(), anyEvent, "subjects with an adverse event by the cut-off");
        assertTrue(eventsUpToCutoff < records(h2, "AE.csv").size(), "the fixture has events after the cut-off");

        // marker results: collected on or before the cut-off
        long resultsUpToCutoff = records(h2, "LB.csv").stream()
                .filter(r -> !DemoReportData.date(r.get("LBDTC")).isAfter(cutoff)).count();
        assertTrue(resultsUpToCutoff < records(h2, "LB.csv").size());
        assertEquals(resultsUpToCutoff, data.markerSummaries().stream().mapToLong(MarkerSummary::n).sum(),
                "every result up to the cut-off in the marker summaries, none after");
        try (ReportData.VisitCursor visits = data.visits().open()) {
            for (VisitRow v = visits.next(); v != null; v = visits.next()) {
                assertFalse(v.date().isAfter(cutoff), v.subject() + " visit " + v.visitNumber());
            }
        }

        // listings: later rows dropped, later dates blanked
        Map<Listing, List<CSVRecord>> listings = listings(h2, h2.scope(cutoff, false));
        for (CSVRecord r : listings.get(Listing.SUBJECTS)) {
            for (String column : List.of("First dose", "End date", "Death date", "Best response date")) {
                assertTrue(r.get(column).isEmpty() || !LocalDate.parse(r.get(column)).isAfter(cutoff), column + " " + r);
            }
            LocalDate dose = firstDose.get(r.get("Subject"));
            assertEquals(dose != null && !dose.isAfter(cutoff) ? "Y" : "N", r.get("Treated"), r.toString());
            if (!r.get("PFS days").isEmpty()) {
                assertTrue(Integer.parseInt(r.get("PFS days")) <= org.cytotrial.analysis.StudyDay.of(dose, cutoff));
            }
        }
        assertEquals(data.visitCount(), listings.get(Listing.VISITS).size());
        listings.get(Listing.VISITS).forEach(r -> assertFalse(LocalDate.parse(r.get("Visit date")).isAfter(cutoff)));
        long responsesUpToCutoff = records(h2, "RS.csv").stream()
                .filter(r -> !DemoReportData.date(r.get("RSDTC")).isAfter(cutoff)).count();
        assertEquals(responsesUpToCutoff, listings.get(Listing.RESPONSES).size());
        listings.get(Listing.RESPONSES).forEach(r -> assertFalse(LocalDate.parse(r.get("Date")).isAfter(cutoff)));
        assertEquals(eventsUpToCutoff, listings.get(Listing.ADVERSE_EVENTS).size());
        boolean blankedEnd = false;
        for (CSVRecord r : listings.get(Listing.ADVERSE_EVENTS)) {
            assertFalse(LocalDate.parse(r.get("Start date")).isAfter(cutoff), r.toString());
            assertTrue(r.get("End date").isEmpty() || !LocalDate.parse(r.get("End date")).isAfter(cutoff), r.toString());
        }
        for (CSVRecord r : records(h2, "AE.csv")) {
            LocalDate end = DemoReportData.date(r.get("AEENDTC"));
            blankedEnd |= !DemoReportData.date(r.get("AESTDTC")).isAfter(cutoff) && end != null && end.isAfter(cutoff);
        }
        for (CSVRecord r : records(h2, "DM.csv")) {
            LocalDate died = DemoReportData.date(r.get("DTHDTC"));
            blankedEnd |= died != null && died.isAfter(cutoff);
        }
        assertTrue(blankedEnd, "the fixture has a date after the cut-off to blank");
        h2.connection.close();
    }

    /**
     * Listings are opened in spreadsheets: text that a spreadsheet would run as a formula gets a
     * leading apostrophe; numbers, negative ones too, stay numbers; RFC 4180 quotes what needs it
     * (comma, quote, line break); non-ASCII text is UTF-8 without a byte-order mark.
     */
    @ParameterizedTest
    @ValueSource(strings = {"IL2-MM"})
    void listingsDefuseFormulasInTextButKeepNumbersAndQuoteAsRfc4180(String study) throws Exception {
        H2Study h2 = H2Study.load(study);
        String coded = "=HYPERLINK(\"http://evil.example\",\"click\")";
        String verbatim = "@SUM(1+1), \"Fièvre\" über 39 °C\r\nnächtlich – 発熱";
        String visitName = "+cmd|' /C calc'!A0";
        try (var update = h2.connection.prepareStatement("update adverse_event set decoded_term = ?, term = ? where id ="
                + " (select min(x.id) from adverse_event x join subject s on s.id = x.subject_id where s.usubjid = ?)")) {
            update.setString(1, coded);
            update.setString(2, verbatim);
            update.setString(3, "IL2-MM-001");
            assertEquals(1, update.executeUpdate());
        }
        try (var update = h2.connection.prepareStatement("update visit set name = ? where id = (select min(v.id) from"
                + " visit v join subject s on s.id = v.subject_id where s.usubjid = ?)")) {
            update.setString(1, visitName);
            update.setString(2, "IL2-MM-002");
            assertEquals(1, update.executeUpdate());
        }
        ReportScope scope = h2.scope(null, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvListings(new ReportReader(h2.connection, scope), scope).write(Listing.ADVERSE_EVENTS, out);
        byte[] bytes = out.toByteArray();
        assertFalse(bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF, "no byte-order mark");
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"'" + coded.replace("\"", "\"\"") + "\""), "quoted, quotes doubled, defused: " + text);
        assertTrue(text.contains("\"'" + verbatim.replace("\"", "\"\"") + "\""), text);
        assertTrue(java.util.Arrays.equals(("nächtlich – 発熱").getBytes(StandardCharsets.UTF_8),
                java.util.Arrays.copyOfRange(bytes, indexOf(bytes, "nächtlich".getBytes(StandardCharsets.UTF_8)),
                        indexOf(bytes, "nächtlich".getBytes(StandardCharsets.UTF_8))
                                + "nächtlich – 発熱".getBytes(StandardCharsets.UTF_8).length)), "UTF-8");
        List<CSVRecord> aes = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text)).getRecords();
        CSVRecord hostile = aes.stream().filter(r -> r.get("Subject").equals("IL2-MM-001")).findFirst().orElseThrow();
        assertEquals("'" + coded, hostile.get("Term (coded)"));
        assertEquals("'" + verbatim, hostile.get("Verbatim term"));
        assertEquals("3", hostile.get("CTCAE grade"), "numbers as they are");
        for (CSVRecord r : aes) {
            for (String value : r.values()) {
                assertFalse(value.startsWith("=") || value.startsWith("+") || value.startsWith("@"), r.toString());
            }
        }

        Map<Listing, List<CSVRecord>> listings = listings(h2, scope);
        assertTrue(listings.get(Listing.VISITS).stream().anyMatch(r -> r.get("Visit").equals("'" + visitName)));
        assertTrue(listings.get(Listing.RESPONSES).stream().noneMatch(r -> r.get("Visit").equals(visitName)));
        int negative = 0;
        for (CSVRecord r : listings.get(Listing.SUBJECTS)) {
            String change = r.get("Best % change");
            if (change.startsWith("-")) {
                assertTrue(Double.parseDouble(change) < 0, "a negative number stays a number: " + change);
                negative++;
            }
        }
        assertTrue(negative > 0, "the study has subjects whose M-protein fell");
        h2.connection.close();
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static Map<Listing, List<CSVRecord>> listings(H2Study h2, ReportScope scope) throws Exception {
        CsvListings listings = new CsvListings(new ReportReader(h2.connection, scope), scope);
        Map<Listing, List<CSVRecord>> read = new HashMap<>();
        for (Listing listing : Listing.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            listings.write(listing, out);
            read.put(listing, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(out.toString(StandardCharsets.UTF_8))).getRecords());
        }
        return read;
    }

    private static List<CSVRecord> records(H2Study h2, String file) throws java.io.IOException {
        try (var in = java.nio.file.Files.newBufferedReader(h2.demo.dir.resolve(file), StandardCharsets.UTF_8);
                var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            return parser.getRecords();
        }
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
