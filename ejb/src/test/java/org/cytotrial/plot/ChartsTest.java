package org.cytotrial.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.cytotrial.response.ResponseCategory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Each chart draws the marks oncologists look for, and both renderers draw them. */
class ChartsTest {

    private static KaplanMeierChart.Curve curve(String name, double[][] rows) {
        List<KaplanMeierChart.Step> steps = new ArrayList<>();
        int n = (int) rows[0][1];
        int events = 0;
        for (double[] r : rows) {
            steps.add(new KaplanMeierChart.Step(r[0], (int) r[1], (int) r[2], (int) r[3], r[4],
                    r[4] < 1 && r[4] > 0 ? r[4] - 0.1 : null, r[4] < 1 && r[4] > 0 ? Math.min(1, r[4] + 0.1) : null));
            events += (int) r[2];
        }
        return new KaplanMeierChart.Curve(name, n, events, steps);
    }

    // time, at risk, events, censored, survival
    static final KaplanMeierChart.Curve ARM_A = curve("IL6R", new double[][] {
        {1.0, 5, 0, 1, 1.0}, {2.0, 4, 1, 0, 0.75}, {4.0, 3, 1, 1, 0.5}, {6.5, 1, 0, 1, 0.5}});
    static final KaplanMeierChart.Curve ARM_B = curve("CTRL", new double[][] {
        {0.5, 4, 1, 0, 0.75}, {3.0, 3, 2, 0, 0.25}, {5.0, 1, 1, 0, 0.0}});

    @Test
    void kaplanMeierHasCurvesCensorTicksBandsAndNumbersAtRisk() {
        Plot plot = KaplanMeierChart.build("PFS by arm", "PFS", "Months", List.of(ARM_A, ARM_B));
        assertEquals(2, plot.marks("ct-km-curve").size());
        assertEquals(3, plot.marks("ct-km-censor").size(), "one tick per time with censoring");
        assertFalse(plot.marks("ct-km-band").isEmpty());
        assertEquals(1, plot.marks("ct-km-median-ref").size());
        List<Mark> risk = plot.marks("ct-km-risk");
        int ticks = Axes.ticks(0, Axes.niceCeiling(6.5, 8), 8).size();
        assertEquals(2 * ticks, risk.size());
        // at time 0 everyone is at risk; CTRL has nobody left after its last time
        assertEquals("5", ((Mark.Text) risk.get(0)).text());
        assertEquals("4", ((Mark.Text) risk.get(ticks)).text());
        assertEquals("0", ((Mark.Text) risk.get(2 * ticks - 1)).text());
        assertEquals(3, KaplanMeierChart.atRisk(ARM_A, 3.0));
        assertEquals(1, KaplanMeierChart.atRisk(ARM_A, 6.0));
        assertEquals(0, KaplanMeierChart.atRisk(ARM_A, 7.0));
    }

    @Test
    void kaplanMeierStepsFallOnlyAtEvents() {
        Plot plot = KaplanMeierChart.build("PFS", "PFS", "Months", List.of(ARM_A));
        Mark.Polyline line = (Mark.Polyline) plot.marks("ct-km-curve").get(0);
        // origin, then per time a point at the old level and, when it falls, one at the new level
        assertEquals(1 + 4 + 2, line.points().size());
        List<Double> ys = line.points().stream().map(Mark.Point::y).toList();
        for (int i = 1; i < ys.size(); i++) {
            assertTrue(ys.get(i) >= ys.get(i - 1), "survival never rises");
        }
    }

    @Test
    void waterfallSortsBarsAndDrawsTheRecistLines() {
        List<WaterfallChart.Bar> bars = List.of(new WaterfallChart.Bar("S1", -45, ResponseCategory.PR),
                new WaterfallChart.Bar("S2", 30, ResponseCategory.PD), new WaterfallChart.Bar("S3", -5, ResponseCategory.SD),
                new WaterfallChart.Bar("S4", -100, ResponseCategory.CR));
        Plot plot = WaterfallChart.build("Waterfall", "sum of diameters", bars);
        List<Mark> marks = plot.marks("ct-bar");
        assertEquals(4, marks.size());
        List<String> order = marks.stream().map(m -> m.tooltip().substring(0, 2)).toList();
        assertEquals(List.of("S2", "S3", "S1", "S4"), order, "largest increase first, largest decrease last");
        Mark.Rect pd = (Mark.Rect) marks.get(0);
        assertEquals(Palette.response(ResponseCategory.PD), pd.style().fill());
        Mark.Line pr = (Mark.Line) plot.marks("ct-ref-pr").get(0);
        Mark.Line pdLine = (Mark.Line) plot.marks("ct-ref-pd").get(0);
        Mark.Line zero = (Mark.Line) plot.marks("ct-zero-line").get(0);
        assertTrue(pr.y1() > zero.y1() && pdLine.y1() < zero.y1(), "-30 % below zero, +20 % above");
        // bar heights are proportional to the change
        Mark.Rect cr = (Mark.Rect) marks.get(3);
        Mark.Rect sd = (Mark.Rect) marks.get(1);
        assertEquals(20.0, cr.height() / sd.height(), 1e-9);
    }

    @Test
    void spiderHasALinePerSubjectAndSwimmerABarPerSubjectWithItsEvents() {
        Plot spider = SpiderChart.build("Spider", "sum of diameters", List.of(
                new SpiderChart.Series("S1", ResponseCategory.PR, List.of(new SpiderChart.Point(0, 0),
                        new SpiderChart.Point(6, -20), new SpiderChart.Point(12, -40))),
                new SpiderChart.Series("S2", ResponseCategory.PD, List.of(new SpiderChart.Point(-0.4, 0),
                        new SpiderChart.Point(6, 25)))));
        assertEquals(2, spider.marks("ct-spider-line").size());
        assertEquals(5, spider.marks("ct-spider-point").size());

        Plot swimmer = SwimmerChart.build("Swimmer", List.of(
                new SwimmerChart.Lane("S1", "IL6R", 8.2, true, List.of(
                        new SwimmerChart.Event(1.4, SwimmerChart.EventKind.RESPONSE, "PR"))),
                new SwimmerChart.Lane("S2", "CTRL", 3.1, false, List.of(
                        new SwimmerChart.Event(2.8, SwimmerChart.EventKind.PROGRESSION, null),
                        new SwimmerChart.Event(3.1, SwimmerChart.EventKind.DEATH, null)))));
        assertEquals(2, swimmer.marks("ct-swim-bar").size());
        assertEquals(1, swimmer.marks("ct-mark-ongoing").size());
        assertEquals(1, swimmer.marks("ct-mark-response").size());
        assertEquals(1, swimmer.marks("ct-mark-pd").size());
        assertEquals(1, swimmer.marks("ct-mark-death").size());
        Mark.Rect longest = (Mark.Rect) swimmer.marks("ct-swim-bar").get(0);
        Mark.Rect shorter = (Mark.Rect) swimmer.marks("ct-swim-bar").get(1);
        assertTrue(longest.y() < shorter.y() && longest.width() > shorter.width(), "longest on top");
    }

    @Test
    void markerCourseHasMediansAndInterquartileRangesPerArm() {
        List<MarkerCourseChart.Series> series = List.of(
                new MarkerCourseChart.Series("IL6R", List.of(new MarkerCourseChart.Point(1, "BASELINE", 12, 16.7, 12.1, 28.5),
                        new MarkerCourseChart.Point(3, "WEEK 12", 12, 9.8, 7.6, 13.2))),
                new MarkerCourseChart.Series("CTRL", List.of(new MarkerCourseChart.Point(1, "BASELINE", 12, 18, 11, 25),
                        new MarkerCourseChart.Point(3, "WEEK 12", 12, 19, 12, 26))));
        Plot plot = MarkerCourseChart.build("IL6", "IL6 (pg/mL)", series);
        assertEquals(2, plot.marks("ct-median-line").size());
        assertEquals(4, plot.marks("ct-median-point").size());
        assertEquals(4, plot.marks("ct-iqr").size());
        Mark.Line iqr = (Mark.Line) plot.marks("ct-iqr").get(0);
        Mark.Circle median = (Mark.Circle) plot.marks("ct-median-point").get(0);
        assertTrue(iqr.y1() > median.cy() && iqr.y2() < median.cy(), "the median lies within its IQR bar");
        assertTrue(plot.marks("ct-axis-label").stream().anyMatch(m -> ((Mark.Text) m).text().equals("WEEK 12")));
    }

    @Test
    void svgIsWellFormedEscapedAndCarriesTheRoles() throws Exception {
        Plot plot = Plot.builder(200, 100, "A <b>\"title\"</b> & more").description("d")
                .add(new Mark.Text(10, 20, "<script>alert(1)</script>", 10, Mark.Anchor.START, "#000000", false, 0,
                        "ct-label", "tip & tip"))
                .add(new Mark.Rect(1, 2, 3, 4, Mark.Style.fill("#ff0000", 0.5), "ct-bar", "S1 > 0"))
                .build();
        String svg = SvgRenderer.render(plot);
        assertFalse(svg.contains("<script>"));
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        assertEquals("A <b>\"title\"</b> & more", doc.getElementsByTagName("title").item(0).getTextContent());
        assertEquals(1, doc.getElementsByTagName("rect").getLength() - 1, "the background and one bar");
        assertTrue(svg.contains("class=\"ct-bar\""));

        Plot km = KaplanMeierChart.build("PFS", "PFS", "Months", List.of(ARM_A, ARM_B));
        Document kmDoc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(SvgRenderer.render(km).getBytes(StandardCharsets.UTF_8)));
        assertEquals(km.marks().size() + 1, kmDoc.getDocumentElement().getElementsByTagName("*").getLength()
                - kmDoc.getElementsByTagName("title").getLength() - kmDoc.getElementsByTagName("desc").getLength(),
                "one element per mark, plus the background");
    }

    /** Characters XML forbids (a control, U+FFFF, a lone surrogate) are left out; the rest, emoji included, kept. */
    @Test
    void svgStaysWellFormedWithCharactersXmlForbids() throws Exception {
        String label = "a\u0001b\uFFFEc\uFFFFd\uD800e ]]> &amp; \uD83D\uDE00";
        Plot plot = Plot.builder(200, 100, label).add(new Mark.Text(1, 2, label, 10, Mark.Anchor.START, "#000000",
                false, 0, "ct-label", label)).build();
        String svg = SvgRenderer.render(plot);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        String kept = "abcde ]]> &amp; \uD83D\uDE00";
        assertEquals(kept, doc.getElementsByTagName("text").item(0).getLastChild().getTextContent(), "the text");
        assertEquals(kept, doc.getElementsByTagName("text").item(0).getFirstChild().getTextContent(), "its tooltip");
        assertEquals(kept, doc.getDocumentElement().getAttribute("aria-label"));
    }

    @Test
    void pngHasTheSizeAtScaleAndDrawsTheMarks() throws IOException {
        Plot plot = KaplanMeierChart.build("PFS", "PFS", "Months", List.of(ARM_A));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(PngRenderer.render(plot)));
        assertNotNull(image);
        assertEquals((int) Math.ceil(plot.width() * PngRenderer.DEFAULT_SCALE), image.getWidth());
        assertEquals((int) Math.ceil(plot.height() * PngRenderer.DEFAULT_SCALE), image.getHeight());
        // the first curve's colour is drawn somewhere along its first step (y at survival 1)
        Mark.Polyline first = (Mark.Polyline) plot.marks("ct-km-curve").get(0);
        int x = (int) ((first.points().get(0).x() + first.points().get(1).x()) / 2 * PngRenderer.DEFAULT_SCALE);
        int y = (int) (first.points().get(0).y() * PngRenderer.DEFAULT_SCALE);
        int rgb = image.getRGB(x, y) & 0xffffff;
        assertEquals(Integer.parseInt(Palette.group(0).substring(1), 16), rgb);
    }

    @Test
    void ticksAreRound() {
        assertEquals(List.of(0.0, 0.25, 0.5, 0.75, 1.0), Axes.ticks(0, 1, 4));
        assertEquals(List.of(-100.0, -50.0, 0.0, 50.0), Axes.ticks(-100, 60, 4));
        assertEquals(10.0, Axes.niceCeiling(8.3, 8));
        assertEquals(40.0, Axes.niceCeiling(36, 6));
    }
}
