package org.cytotrial.plot;

import java.util.List;
import java.util.Objects;

/**
 * One drawn element. {@code role} names what it shows (it becomes the SVG class, e.g.
 * {@code ct-km-censor}); {@code tooltip}, when not null, is shown on hover in the SVG.
 */
public sealed interface Mark {

    String role();

    String tooltip();

    /** How a line or an outline is drawn and an area filled; null colours are not drawn. */
    record Style(String stroke, double strokeWidth, String fill, double opacity, double[] dash) {

        public static Style stroke(String colour, double width) {
            return new Style(colour, width, null, 1.0, null);
        }

        public static Style dashed(String colour, double width, double... dash) {
            return new Style(colour, width, null, 1.0, dash);
        }

        public static Style fill(String colour) {
            return new Style(null, 0, colour, 1.0, null);
        }

        public static Style fill(String colour, double opacity) {
            return new Style(null, 0, colour, opacity, null);
        }

        public Style outlined(String colour, double width) {
            return new Style(colour, width, fill, opacity, dash);
        }
    }

    /** A point of a polyline or polygon. */
    record Point(double x, double y) {
    }

    record Line(double x1, double y1, double x2, double y2, Style style, String role, String tooltip) implements Mark {
    }

    record Polyline(List<Point> points, Style style, String role, String tooltip) implements Mark {
        public Polyline {
            points = List.copyOf(points);
        }
    }

    record Polygon(List<Point> points, Style style, String role, String tooltip) implements Mark {
        public Polygon {
            points = List.copyOf(points);
        }
    }

    record Rect(double x, double y, double width, double height, Style style, String role, String tooltip)
            implements Mark {
    }

    record Circle(double cx, double cy, double r, Style style, String role, String tooltip) implements Mark {
    }

    /** Horizontal anchoring of a text at its x. */
    enum Anchor {
        START, MIDDLE, END
    }

    /**
     * Text with its baseline at y; {@code rotation} in degrees turns it around (x, y)
     * (-90 for a vertical axis title).
     */
    record Text(double x, double y, String text, double size, Anchor anchor, String colour, boolean bold,
            double rotation, String role, String tooltip) implements Mark {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }
}
