package org.cytotrial.plot;

import java.util.Locale;

/**
 * Writes a plot as a standalone SVG document (also fit to be inlined in a page). Every text
 * is escaped; numbers are written with a dot and at most two decimals so that output is
 * identical whatever the server's locale.
 */
public final class SvgRenderer {

    public static final String FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif";

    private SvgRenderer() {
    }

    public static String render(Plot plot) {
        StringBuilder svg = new StringBuilder(16_384);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ct-plot\" role=\"img\" viewBox=\"0 0 ")
                .append(num(plot.width())).append(' ').append(num(plot.height())).append("\" width=\"")
                .append(num(plot.width())).append("\" height=\"").append(num(plot.height()))
                .append("\" font-family=\"").append(FONT_FAMILY).append("\" aria-label=\"").append(escape(plot.title()))
                .append("\">\n<title>").append(escape(plot.title())).append("</title>\n");
        if (!plot.description().isEmpty()) {
            svg.append("<desc>").append(escape(plot.description())).append("</desc>\n");
        }
        svg.append("<rect class=\"ct-background\" x=\"0\" y=\"0\" width=\"").append(num(plot.width()))
                .append("\" height=\"").append(num(plot.height())).append("\" fill=\"#ffffff\"/>\n");
        for (Mark mark : plot.marks()) {
            write(svg, mark);
        }
        return svg.append("</svg>\n").toString();
    }

    private static void write(StringBuilder svg, Mark mark) {
        String element;
        if (mark instanceof Mark.Line l) {
            element = "line";
            open(svg, element, l).append(" x1=\"").append(num(l.x1())).append("\" y1=\"").append(num(l.y1()))
                    .append("\" x2=\"").append(num(l.x2())).append("\" y2=\"").append(num(l.y2())).append('"')
                    .append(style(l.style(), false));
        } else if (mark instanceof Mark.Polyline p) {
            element = "polyline";
            open(svg, element, p).append(" points=\"").append(points(p.points())).append('"')
                    .append(style(p.style(), false));
        } else if (mark instanceof Mark.Polygon p) {
            element = "polygon";
            open(svg, element, p).append(" points=\"").append(points(p.points())).append('"')
                    .append(style(p.style(), true));
        } else if (mark instanceof Mark.Rect r) {
            element = "rect";
            open(svg, element, r).append(" x=\"").append(num(r.x())).append("\" y=\"").append(num(r.y()))
                    .append("\" width=\"").append(num(r.width())).append("\" height=\"").append(num(r.height()))
                    .append('"').append(style(r.style(), true));
        } else if (mark instanceof Mark.Circle c) {
            element = "circle";
            open(svg, element, c).append(" cx=\"").append(num(c.cx())).append("\" cy=\"").append(num(c.cy()))
                    .append("\" r=\"").append(num(c.r())).append('"').append(style(c.style(), true));
        } else {
            text(svg, (Mark.Text) mark);
            return;
        }
        if (mark.tooltip() != null) {
            svg.append("><title>").append(escape(mark.tooltip())).append("</title></").append(element).append(">\n");
        } else {
            svg.append("/>\n");
        }
    }

    private static void text(StringBuilder svg, Mark.Text t) {
        open(svg, "text", t).append(" x=\"").append(num(t.x())).append("\" y=\"").append(num(t.y()))
                .append("\" font-size=\"").append(num(t.size())).append("\" fill=\"").append(t.colour()).append('"');
        if (t.anchor() != Mark.Anchor.START) {
            svg.append(" text-anchor=\"").append(t.anchor() == Mark.Anchor.MIDDLE ? "middle" : "end").append('"');
        }
        if (t.bold()) {
            svg.append(" font-weight=\"bold\"");
        }
        if (t.rotation() != 0) {
            svg.append(" transform=\"rotate(").append(num(t.rotation())).append(' ').append(num(t.x())).append(' ')
                    .append(num(t.y())).append(")\"");
        }
        svg.append('>');
        if (t.tooltip() != null) {
            svg.append("<title>").append(escape(t.tooltip())).append("</title>");
        }
        svg.append(escape(t.text())).append("</text>\n");
    }

    private static StringBuilder open(StringBuilder svg, String element, Mark mark) {
        svg.append('<').append(element);
        if (mark.role() != null) {
            svg.append(" class=\"").append(escape(mark.role())).append('"');
        }
        return svg;
    }

    private static String style(Mark.Style style, boolean area) {
        StringBuilder s = new StringBuilder();
        s.append(" fill=\"").append(area && style.fill() != null ? style.fill() : "none").append('"');
        if (style.opacity() < 1.0) {
            s.append(area ? " fill-opacity=\"" : " stroke-opacity=\"").append(num(style.opacity())).append('"');
        }
        if (style.stroke() != null && style.strokeWidth() > 0) {
            s.append(" stroke=\"").append(style.stroke()).append("\" stroke-width=\"").append(num(style.strokeWidth()))
                    .append('"');
            if (style.dash() != null && style.dash().length > 0) {
                s.append(" stroke-dasharray=\"");
                for (int i = 0; i < style.dash().length; i++) {
                    s.append(i == 0 ? "" : " ").append(num(style.dash()[i]));
                }
                s.append('"');
            }
        }
        return s.toString();
    }

    private static String points(java.util.List<Mark.Point> points) {
        StringBuilder s = new StringBuilder(points.size() * 12);
        for (Mark.Point p : points) {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(num(p.x())).append(',').append(num(p.y()));
        }
        return s.toString();
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * Text as XML character data or an attribute value: the five markup characters as entities,
     * and every character XML 1.0 does not allow (controls other than tab and newline, lone
     * surrogates, U+FFFE and U+FFFF) left out, so the SVG stays well-formed whatever was imported.
     */
    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> {
                    if (allowedInXml(c)) {
                        s.appendCodePoint(c);
                    }
                }
            }
        }
        return s.toString();
    }

    private static boolean allowedInXml(int c) {
        return c == '\t' || c == '\n' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
    }
}
