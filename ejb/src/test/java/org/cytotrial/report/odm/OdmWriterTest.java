package org.cytotrial.report.odm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.cytotrial.report.MarkerColumn;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The ODM writer's output is valid ODM 1.3.2, refers only to what its metadata define, and keeps the values. */
public class OdmWriterTest {

    public static Schema schema() throws SAXException {
        String dir = System.getProperty("cytotrial.standards.dir");
        Path xsd = (dir == null ? Paths.get("../src/main/standards") : Paths.get(dir)).resolve("odm-1.3.2/ODM1-3-2.xsd");
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        return factory.newSchema(xsd.toFile());
    }

    private static byte[] write(boolean verbatim) throws Exception {
        List<MarkerColumn> markers = List.of(new MarkerColumn("EOS", "Eosinophils", "10^9/L"),
                new MarkerColumn("CD4/CD8", "CD4/CD8 Ratio", "ratio"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OdmWriter odm = new OdmWriter(out);
        odm.begin(new OdmWriter.StudyInfo("DEMO-1", "A <demo> & study", null,
                List.of(new OdmWriter.VisitEvent(new BigDecimal("1"), "BASELINE"),
                        new OdmWriter.VisitEvent(new BigDecimal("2.5"), "WEEK 6")), markers, true, verbatim),
                Instant.parse("2026-01-02T03:04:05.678Z"), "1.0-test", "test export");
        Map<String, String> dm = new LinkedHashMap<>();
        dm.put("SITEID", "BERLIN");
        dm.put("ARMCD", "IL6R");
        dm.put("SEX", "F");
        dm.put("AGE", "61");
        dm.put("RFSTDTC", "2019-01-05");
        dm.put("DTHDTC", null);
        odm.subject(new OdmWriter.SubjectRecord("RD-001", dm,
                List.of(new OdmWriter.AdverseEventRecord(1, "Pyrexia", "Fever after Mrs. X's visit", 3, false, true,
                        LocalDate.of(2019, 1, 6), null)),
                List.of(new OdmWriter.VisitRecord(new BigDecimal("1"), LocalDate.of(2019, 1, 4),
                                new double[] {0.2, 1.25}, List.of(new OdmWriter.TumourRecord("T01", "LDIAM", "50", "mm",
                                        LocalDate.of(2019, 1, 4))), List.of()),
                        new OdmWriter.VisitRecord(new BigDecimal("2.50"), LocalDate.of(2019, 2, 17),
                                new double[] {Double.NaN, 0.9}, List.of(), List.of(new OdmWriter.ResponseRecord(
                                        "OVRLRESP", "PR", "INVESTIGATOR", LocalDate.of(2019, 2, 17)))))));
        odm.subject(new OdmWriter.SubjectRecord("RD-002", Map.of("SITEID", "MUNICH"), List.of(), List.of()));
        odm.end();
        return out.toByteArray();
    }

    @Test
    void validAgainstTheOdm132SchemaWithEveryReferenceDefined() throws Exception {
        byte[] xml = write(false);
        schema().newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));

        Document doc = parse(xml);
        Set<String> defined = new HashSet<>();
        for (String def : List.of("StudyEventDef", "FormDef", "ItemGroupDef", "ItemDef", "CodeList", "MeasurementUnit")) {
            NodeList nodes = doc.getElementsByTagNameNS(OdmWriter.NAMESPACE, def);
            for (int i = 0; i < nodes.getLength(); i++) {
                assertTrue(defined.add(((Element) nodes.item(i)).getAttribute("OID")), "OID defined twice");
            }
        }
        Map<String, String> refs = Map.of("StudyEventRef", "StudyEventOID", "FormRef", "FormOID", "ItemGroupRef",
                "ItemGroupOID", "ItemRef", "ItemOID", "CodeListRef", "CodeListOID", "MeasurementUnitRef",
                "MeasurementUnitOID", "StudyEventData", "StudyEventOID", "FormData", "FormOID", "ItemGroupData",
                "ItemGroupOID", "ItemData", "ItemOID");
        int checked = 0;
        for (Map.Entry<String, String> ref : refs.entrySet()) {
            NodeList nodes = doc.getElementsByTagNameNS(OdmWriter.NAMESPACE, ref.getKey());
            for (int i = 0; i < nodes.getLength(); i++) {
                String oid = ((Element) nodes.item(i)).getAttribute(ref.getValue());
                assertTrue(defined.contains(oid), ref.getKey() + " refers to undefined " + oid);
                checked++;
            }
        }
        assertTrue(checked > 40);
    }

    @Test
    void valuesRoundTripAndVerbatimTermsOnlyWhenAllowed() throws Exception {
        Document doc = parse(write(false));
        Map<String, String> items = new LinkedHashMap<>();
        NodeList data = doc.getElementsByTagNameNS(OdmWriter.NAMESPACE, "ItemData");
        for (int i = 0; i < data.getLength(); i++) {
            Element e = (Element) data.item(i);
            items.merge(e.getAttribute("ItemOID"), e.getAttribute("Value"), (a, b) -> a + "|" + b);
        }
        assertEquals("0.2", items.get("LB.EOS"));
        assertEquals("1.25|0.9", items.get("LB.CD4_CD8"));
        assertEquals("BERLIN|MUNICH", items.get("DM.SITEID"));
        assertEquals("PR", items.get("RS.RSORRES"));
        assertEquals("50", items.get("TR.TRORRES"));
        assertEquals("Pyrexia", items.get("AE.AEDECOD"));
        assertFalse(items.containsKey("AE.AETERM"));
        assertFalse(new String(write(false), java.nio.charset.StandardCharsets.UTF_8).contains("Mrs. X"));
        NodeList events = doc.getElementsByTagNameNS(OdmWriter.NAMESPACE, "StudyEventData");
        assertEquals("SE.V2.5", ((Element) events.item(2)).getAttribute("StudyEventOID"));

        Document full = parse(write(true));
        assertTrue(full.getDocumentElement().getTextContent() != null);
        NodeList all = full.getElementsByTagNameNS(OdmWriter.NAMESPACE, "ItemData");
        boolean verbatim = false;
        for (int i = 0; i < all.getLength(); i++) {
            verbatim |= ((Element) all.item(i)).getAttribute("ItemOID").equals("AE.AETERM");
        }
        assertTrue(verbatim);
        schema().newValidator().validate(new StreamSource(new ByteArrayInputStream(write(true))));
    }

    @Test
    void theSchemaRejectsAnInvalidFile() {
        byte[] broken = new String(new byte[0]).concat("<ODM xmlns=\"" + OdmWriter.NAMESPACE + "\" FileType=\"Nonsense\"/>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThrows(SAXException.class, () -> schema().newValidator().validate(
                new StreamSource(new ByteArrayInputStream(broken))));
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
