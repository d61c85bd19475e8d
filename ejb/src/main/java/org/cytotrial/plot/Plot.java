package org.cytotrial.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A finished plot: its size in pixels (at 1x), a title and a text description for screen
 * readers, and its marks in drawing order.
 */
public final class Plot {

    private final double width;
    private final double height;
    private final String title;
    private final String description;
    private final List<Mark> marks;

    private Plot(Builder builder) {
        this.width = builder.width;
        this.height = builder.height;
        this.title = builder.title;
        this.description = builder.description;
        this.marks = List.copyOf(builder.marks);
    }

    public static Builder builder(double width, double height, String title) {
        return new Builder(width, height, title);
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public List<Mark> marks() {
        return marks;
    }

    /** Marks of one role, e.g. every censor tick. */
    public List<Mark> marks(String role) {
        return marks.stream().filter(m -> role.equals(m.role())).toList();
    }

    /** Collects marks; the chart classes use it. */
    public static final class Builder {
        private final double width;
        private final double height;
        private final String title;
        private String description = "";
        private final List<Mark> marks = new ArrayList<>();

        private Builder(double width, double height, String title) {
            if (!(width > 0 && height > 0)) {
                throw new IllegalArgumentException("A plot needs a positive size");
            }
            this.width = width;
            this.height = height;
            this.title = Objects.requireNonNull(title, "title");
        }

        public Builder description(String text) {
            this.description = text == null ? "" : text;
            return this;
        }

        public Builder add(Mark mark) {
            marks.add(Objects.requireNonNull(mark));
            return this;
        }

        public Builder line(double x1, double y1, double x2, double y2, Mark.Style style, String role) {
            return add(new Mark.Line(x1, y1, x2, y2, style, role, null));
        }

        public Builder text(double x, double y, String text, double size, Mark.Anchor anchor, String role) {
            return add(new Mark.Text(x, y, text, size, anchor, Palette.TEXT, false, 0, role, null));
        }

        public Plot build() {
            return new Plot(this);
        }
    }
}
