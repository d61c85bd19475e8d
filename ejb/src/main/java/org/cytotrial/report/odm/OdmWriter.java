package org.cytotrial.report.odm;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.cytotrial.report.Decimals;
import org.cytotrial.report.MarkerColumn;

/**
 * Writes CDISC ODM 1.3.2 with StAX, one subject at a time, so that a study of any size is
 * exported in constant memory.
 *
 * <p>The metadata describe one common event per subject ({@code SE.SUBJECT}: demographics and
 * adverse events) and one scheduled event per visit number ({@code SE.V<number>}: lab and immune
 * markers in standard units, tumour measurements and the investigator's responses). OIDs are
 * stable and derived from SDTM names (items are {@code <domain>.<variable>}, a marker's item is
 * {@code LB.<code>}), so files of two exports of one study compare line by line.
 */
public final class OdmWriter {

    public static final String NAMESPACE = "http://www.cdisc.org/ns/odm/v1.3";
    public static final String METADATA_VERSION = "MDV.1";

    /** The study as the metadata describe it. */
    public record StudyInfo(String code, String title, String description, List<VisitEvent> visits,
            List<MarkerColumn> markers, boolean tumours, boolean verbatimTerms) {
    }

    /** A scheduled event: a visit number and its name. */
    public record VisitEvent(BigDecimal number, String name) {
        String oid() {
            return "SE.V" + number.stripTrailingZeros().toPlainString();
        }
    }

    /** One subject's data. */
    public record SubjectRecord(String key, Map<String, String> demographics, List<AdverseEventRecord> adverseEvents,
            List<VisitRecord> visits) {
    }

    /** One adverse event; {@code verbatim} is written only when the study info allows verbatim terms. */
    public record AdverseEventRecord(int seq, String coded, String verbatim, int grade, boolean serious,
            boolean related, LocalDate start, LocalDate end) {
    }

    /** One visit of a subject: marker values (NaN when not measured) in the study's marker order, tumour measurements, responses. */
    public record VisitRecord(BigDecimal number, LocalDate date, double[] markers, List<TumourRecord> tumours,
            List<ResponseRecord> responses) {
    }

    public record TumourRecord(String lesion, String test, String value, String unit, LocalDate date) {
    }

    public record ResponseRecord(String test, String response, String evaluator, LocalDate date) {
    }

    /** Demographics items, in order: SDTM variable, ODM data type, label. */
    static final List<String[]> DM_ITEMS = List.of(
            new String[] {"SITEID", "text", "Study site identifier"},
            new String[] {"ARMCD", "text", "Planned arm code"},
            new String[] {"SEX", "text", "Sex"},
            new String[] {"AGE", "integer", "Age"},
            new String[] {"AGEU", "text", "Age units"},
            new String[] {"COUNTRY", "text", "Country"},
            new String[] {"RFSTDTC", "date", "Date of first study treatment"},
            new String[] {"RFENDTC", "date", "Subject reference end date"},
            new String[] {"DTHDTC", "date", "Date of death"});

    private final XMLStreamWriter xml;
    private StudyInfo study;
    private int depth;

    public OdmWriter(OutputStream out) throws XMLStreamException {
        this.xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
    }

    /** Writes the file header and the study's metadata, and opens the clinical data. */
    public void begin(StudyInfo info, Instant created, String softwareVersion, String description)
            throws XMLStreamException {
        this.study = info;
        String timestamp = created.truncatedTo(ChronoUnit.SECONDS).toString();
        xml.writeStartDocument("UTF-8", "1.0");
        open("ODM");
        xml.writeDefaultNamespace(NAMESPACE);
        attr("Description", description);
        attr("FileType", "Snapshot");
        attr("FileOID", "Cytotrial." + info.code() + "." + timestamp.replace(":", ""));
        attr("CreationDateTime", timestamp);
        attr("AsOfDateTime", timestamp);
        attr("ODMVersion", "1.3.2");
        attr("Originator", "Cytotrial");
        attr("SourceSystem", "Cytotrial");
        attr("SourceSystemVersion", softwareVersion);

        open("Study");
        attr("OID", studyOid());
        open("GlobalVariables");
        textElement("StudyName", info.code());
        textElement("StudyDescription", info.title());
        textElement("ProtocolName", info.code());
        close();
        units();
        metadata();
        close(); // Study

        open("ClinicalData");
        attr("StudyOID", studyOid());
        attr("MetaDataVersionOID", METADATA_VERSION);
    }

    private String studyOid() {
        return "ST." + study.code();
    }

    private void units() throws XMLStreamException {
        Set<String> units = new LinkedHashSet<>();
        study.markers().forEach(m -> units.add(m.unit()));
        if (study.tumours()) {
            units.add("mm");
        }
        open("BasicDefinitions");
        for (String unit : units) {
            open("MeasurementUnit");
            attr("OID", unitOid(unit));
            attr("Name", unit);
            open("Symbol");
            translated(unit);
            close();
            close();
        }
        close();
    }

    static String unitOid(String unit) {
        return "MU." + safe(unit);
    }

    static String markerOid(String code) {
        return "LB." + safe(code);
    }

    /** OIDs keep letters, digits, '.', '-' and '_'; anything else (e.g. the '/' of CD4/CD8) becomes '_'. */
    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private void metadata() throws XMLStreamException {
        open("MetaDataVersion");
        attr("OID", METADATA_VERSION);
        attr("Name", "Cytotrial study data");
        attr("Description", "Demographics, adverse events, lab and immune markers in standard units"
                + (study.tumours() ? ", tumour measurements" : "") + " and investigator responses");

        open("Protocol");
        eventRef("SE.SUBJECT", 1);
        int order = 2;
        for (VisitEvent v : study.visits()) {
            eventRef(v.oid(), order++);
        }
        close();

        open("StudyEventDef");
        attr("OID", "SE.SUBJECT");
        attr("Name", "Subject");
        attr("Repeating", "No");
        attr("Type", "Common");
        formRef("F.DM", 1);
        formRef("F.AE", 2);
        close();
        for (VisitEvent v : study.visits()) {
            open("StudyEventDef");
            attr("OID", v.oid());
            attr("Name", v.name());
            attr("Repeating", "No");
            attr("Type", "Scheduled");
            formRef("F.LB", 1);
            if (study.tumours()) {
                formRef("F.TR", 2);
            }
            formRef("F.RS", 3);
            close();
        }

        formDef("F.DM", "Demographics", "IG.DM");
        formDef("F.AE", "Adverse events", "IG.AE");
        formDef("F.LB", "Lab and immune markers", "IG.LB");
        if (study.tumours()) {
            formDef("F.TR", "Tumour measurements", "IG.TR");
        }
        formDef("F.RS", "Response assessments", "IG.RS");

        Map<String, String> dm = new LinkedHashMap<>();
        DM_ITEMS.forEach(i -> dm.put("DM." + i[0], i[2]));
        itemGroupDef("IG.DM", "Demographics", "DM", false, dm.keySet());
        itemGroupDef("IG.AE", "Adverse events", "AE", true, aeItems());
        List<String> lb = new java.util.ArrayList<>();
        lb.add("LB.LBDTC");
        study.markers().forEach(m -> lb.add(markerOid(m.code())));
        itemGroupDef("IG.LB", "Lab and immune markers", "LB", false, lb);
        if (study.tumours()) {
            itemGroupDef("IG.TR", "Tumour measurements", "TR", true,
                    List.of("TR.TRLNKID", "TR.TRTESTCD", "TR.TRORRES", "TR.TRORRESU", "TR.TRDTC"));
        }
        itemGroupDef("IG.RS", "Response assessments", "RS", true,
                List.of("RS.RSTESTCD", "RS.RSORRES", "RS.RSEVAL", "RS.RSDTC"));

        for (String[] i : DM_ITEMS) {
            itemDef("DM." + i[0], i[0], i[1], i[2], null, i[0].equals("SEX") ? "CL.SEX" : null);
        }
        itemDef("AE.AESEQ", "AESEQ", "integer", "Sequence number", null, null);
        itemDef("AE.AEDECOD", "AEDECOD", "text", "Adverse event (coded term)", null, null);
        if (study.verbatimTerms()) {
            itemDef("AE.AETERM", "AETERM", "text", "Adverse event (verbatim term)", null, null);
        }
        itemDef("AE.AETOXGR", "AETOXGR", "integer", "CTCAE grade", null, null);
        itemDef("AE.AESER", "AESER", "text", "Serious", null, "CL.NY");
        itemDef("AE.AEREL", "AEREL", "text", "Related to treatment", null, "CL.NY");
        itemDef("AE.AESTDTC", "AESTDTC", "date", "Start date", null, null);
        itemDef("AE.AEENDTC", "AEENDTC", "date", "End date", null, null);
        itemDef("LB.LBDTC", "LBDTC", "date", "Date of collection", null, null);
        for (MarkerColumn m : study.markers()) {
            itemDef(markerOid(m.code()), m.code(), "float", m.name() + " (" + m.code() + "), standard unit", m.unit(),
                    null, false);
        }
        if (study.tumours()) {
            itemDef("TR.TRLNKID", "TRLNKID", "text", "Lesion identifier", null, null);
            itemDef("TR.TRTESTCD", "TRTESTCD", "text", "Tumour measurement", null, null);
            itemDef("TR.TRORRES", "TRORRES", "text", "Result as entered", null, null);
            itemDef("TR.TRORRESU", "TRORRESU", "text", "Unit as entered", null, null);
            itemDef("TR.TRDTC", "TRDTC", "date", "Date of measurement", null, null);
        }
        itemDef("RS.RSTESTCD", "RSTESTCD", "text", "Assessment", null, null);
        itemDef("RS.RSORRES", "RSORRES", "text", "Response", null, "CL.RESPONSE");
        itemDef("RS.RSEVAL", "RSEVAL", "text", "Evaluator", null, null);
        itemDef("RS.RSDTC", "RSDTC", "date", "Date of assessment", null, null);

        codeList("CL.SEX", "Sex", new String[][] {{"M", "Male"}, {"F", "Female"}, {"U", "Unknown"}});
        codeList("CL.NY", "No or yes", new String[][] {{"N", "No"}, {"Y", "Yes"}});
        codeList("CL.RESPONSE", "Overall response", new String[][] {{"CR", "Complete response"},
            {"PR", "Partial response"}, {"MR", "Minor response"}, {"SD", "Stable disease"},
            {"PD", "Progressive disease"}, {"NE", "Not evaluable"}});
        close(); // MetaDataVersion
    }

    private List<String> aeItems() {
        List<String> items = new java.util.ArrayList<>(List.of("AE.AESEQ", "AE.AEDECOD"));
        if (study.verbatimTerms()) {
            items.add("AE.AETERM");
        }
        items.addAll(List.of("AE.AETOXGR", "AE.AESER", "AE.AEREL", "AE.AESTDTC", "AE.AEENDTC"));
        return items;
    }

    /** Writes one subject's data. */
    public void subject(SubjectRecord s) throws XMLStreamException {
        open("SubjectData");
        attr("SubjectKey", s.key());
        open("StudyEventData");
        attr("StudyEventOID", "SE.SUBJECT");
        form("F.DM");
        group("IG.DM", null);
        for (Map.Entry<String, String> item : s.demographics().entrySet()) {
            item("DM." + item.getKey(), item.getValue());
        }
        close();
        close();
        if (!s.adverseEvents().isEmpty()) {
            form("F.AE");
            int key = 1;
            for (AdverseEventRecord ae : s.adverseEvents()) {
                group("IG.AE", Integer.toString(key++));
                item("AE.AESEQ", Integer.toString(ae.seq()));
                item("AE.AEDECOD", ae.coded());
                if (study.verbatimTerms()) {
                    item("AE.AETERM", ae.verbatim());
                }
                item("AE.AETOXGR", Integer.toString(ae.grade()));
                item("AE.AESER", ae.serious() ? "Y" : "N");
                item("AE.AEREL", ae.related() ? "Y" : "N");
                item("AE.AESTDTC", iso(ae.start()));
                item("AE.AEENDTC", iso(ae.end()));
                close();
            }
            close();
        }
        close(); // SE.SUBJECT
        for (VisitRecord v : s.visits()) {
            open("StudyEventData");
            attr("StudyEventOID", new VisitEvent(v.number(), "").oid());
            boolean anyMarker = false;
            for (double value : v.markers()) {
                anyMarker |= !Double.isNaN(value);
            }
            if (anyMarker) {
                form("F.LB");
                group("IG.LB", null);
                item("LB.LBDTC", iso(v.date()));
                for (int i = 0; i < v.markers().length; i++) {
                    if (!Double.isNaN(v.markers()[i])) {
                        item(markerOid(study.markers().get(i).code()), Decimals.plain(v.markers()[i]));
                    }
                }
                close();
                close();
            }
            if (study.tumours() && !v.tumours().isEmpty()) {
                form("F.TR");
                int key = 1;
                for (TumourRecord t : v.tumours()) {
                    group("IG.TR", Integer.toString(key++));
                    item("TR.TRLNKID", t.lesion());
                    item("TR.TRTESTCD", t.test());
                    item("TR.TRORRES", t.value());
                    item("TR.TRORRESU", t.unit());
                    item("TR.TRDTC", iso(t.date()));
                    close();
                }
                close();
            }
            if (!v.responses().isEmpty()) {
                form("F.RS");
                int key = 1;
                for (ResponseRecord r : v.responses()) {
                    group("IG.RS", Integer.toString(key++));
                    item("RS.RSTESTCD", r.test());
                    item("RS.RSORRES", r.response());
                    item("RS.RSEVAL", r.evaluator());
                    item("RS.RSDTC", iso(r.date()));
                    close();
                }
                close();
            }
            close();
        }
        close(); // SubjectData
    }

    /** Closes the clinical data and the file. */
    public void end() throws XMLStreamException {
        close(); // ClinicalData
        close(); // ODM
        xml.writeCharacters("\n");
        xml.writeEndDocument();
        xml.flush();
        xml.close();
    }

    // --- building blocks ---------------------------------------------------------------------

    private void eventRef(String oid, int order) throws XMLStreamException {
        empty("StudyEventRef");
        attr("StudyEventOID", oid);
        attr("OrderNumber", Integer.toString(order));
        attr("Mandatory", "No");
    }

    private void formRef(String oid, int order) throws XMLStreamException {
        empty("FormRef");
        attr("FormOID", oid);
        attr("OrderNumber", Integer.toString(order));
        attr("Mandatory", "No");
    }

    private void formDef(String oid, String name, String group) throws XMLStreamException {
        open("FormDef");
        attr("OID", oid);
        attr("Name", name);
        attr("Repeating", "No");
        empty("ItemGroupRef");
        attr("ItemGroupOID", group);
        attr("Mandatory", "No");
        close();
    }

    private void itemGroupDef(String oid, String name, String domain, boolean repeating,
            java.util.Collection<String> items) throws XMLStreamException {
        open("ItemGroupDef");
        attr("OID", oid);
        attr("Name", name);
        attr("Repeating", repeating ? "Yes" : "No");
        attr("Domain", domain);
        int order = 1;
        for (String item : items) {
            empty("ItemRef");
            attr("ItemOID", item);
            attr("OrderNumber", Integer.toString(order++));
            attr("Mandatory", "No");
        }
        close();
    }

    private void itemDef(String oid, String name, String type, String question, String unit, String codeList)
            throws XMLStreamException {
        itemDef(oid, name, type, question, unit, codeList, true);
    }

    /** @param sdtmVariable whether {@code name} is the SDTM variable the item holds (else it is a label) */
    private void itemDef(String oid, String name, String type, String question, String unit, String codeList,
            boolean sdtmVariable) throws XMLStreamException {
        open("ItemDef");
        attr("OID", oid);
        attr("Name", name);
        attr("DataType", type);
        if (sdtmVariable) {
            attr("SDSVarName", name);
        }
        open("Question");
        translated(question);
        close();
        if (unit != null) {
            empty("MeasurementUnitRef");
            attr("MeasurementUnitOID", unitOid(unit));
        }
        if (codeList != null) {
            empty("CodeListRef");
            attr("CodeListOID", codeList);
        }
        close();
    }

    private void codeList(String oid, String name, String[][] items) throws XMLStreamException {
        open("CodeList");
        attr("OID", oid);
        attr("Name", name);
        attr("DataType", "text");
        for (String[] item : items) {
            open("CodeListItem");
            attr("CodedValue", item[0]);
            open("Decode");
            translated(item[1]);
            close();
            close();
        }
        close();
    }

    private void form(String oid) throws XMLStreamException {
        open("FormData");
        attr("FormOID", oid);
    }

    private void group(String oid, String repeatKey) throws XMLStreamException {
        open("ItemGroupData");
        attr("ItemGroupOID", oid);
        if (repeatKey != null) {
            attr("ItemGroupRepeatKey", repeatKey);
        }
    }

    /** An item; none at all when the value is missing (ODM's way of saying "no data"). */
    private void item(String oid, String value) throws XMLStreamException {
        if (value == null || value.isEmpty()) {
            return;
        }
        empty("ItemData");
        attr("ItemOID", oid);
        attr("Value", value);
    }

    private void translated(String text) throws XMLStreamException {
        indent();
        xml.writeStartElement("TranslatedText");
        xml.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "en");
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private void textElement(String name, String text) throws XMLStreamException {
        indent();
        xml.writeStartElement(name);
        xml.writeCharacters(text == null ? "" : text);
        xml.writeEndElement();
    }

    private void open(String name) throws XMLStreamException {
        indent();
        xml.writeStartElement(name);
        depth++;
    }

    private void empty(String name) throws XMLStreamException {
        indent();
        xml.writeEmptyElement(name);
    }

    private void close() throws XMLStreamException {
        depth--;
        indent();
        xml.writeEndElement();
    }

    private void attr(String name, String value) throws XMLStreamException {
        if (value != null) {
            xml.writeAttribute(name, value);
        }
    }

    private static final String[] INDENTS = new String[32];

    static {
        for (int i = 0; i < INDENTS.length; i++) {
            INDENTS[i] = "\n" + "  ".repeat(i);
        }
    }

    private void indent() throws XMLStreamException {
        xml.writeCharacters(INDENTS[Math.min(depth, INDENTS.length - 1)]);
    }

    private static String iso(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
