package org.cytotrial.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws a plot into a PNG with Java2D, from the same marks as the SVG. Rendered at a scale
 * (2 by default) so that the image stays sharp in slides and reports.
 */
public final class PngRenderer {

    public static final double DEFAULT_SCALE = 2.0;

    static {
        // A server has no display; Java2D must not look for one.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private PngRenderer() {
    }

    public static byte[] render(Plot plot) {
        return render(plot, DEFAULT_SCALE);
    }

    public static byte[] render(Plot plot, double scale) {
        int width = (int) Math.ceil(plot.width() * scale);
        int height = (int) Math.ceil(plot.height() * scale);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.scale(scale, scale);
            for (Mark mark : plot.marks()) {
                draw(g, mark);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void draw(Graphics2D g, Mark mark) {
        if (mark instanceof Mark.Line l) {
            stroke(g, new Line2D.Double(l.x1(), l.y1(), l.x2(), l.y2()), l.style());
        } else if (mark instanceof Mark.Polyline p) {
            stroke(g, path(p.points(), false), p.style());
        } else if (mark instanceof Mark.Polygon p) {
            Path2D path = path(p.points(), true);
            fill(g, path, p.style());
            stroke(g, path, p.style());
        } else if (mark instanceof Mark.Rect r) {
            Rectangle2D rect = new Rectangle2D.Double(r.x(), r.y(), r.width(), r.height());
            fill(g, rect, r.style());
            stroke(g, rect, r.style());
        } else if (mark instanceof Mark.Circle c) {
            Ellipse2D circle = new Ellipse2D.Double(c.cx() - c.r(), c.cy() - c.r(), 2 * c.r(), 2 * c.r());
            fill(g, circle, c.style());
            stroke(g, circle, c.style());
        } else {
            text(g, (Mark.Text) mark);
        }
    }

    private static Path2D path(List<Mark.Point> points, boolean closed) {
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < points.size(); i++) {
            Mark.Point p = points.get(i);
            if (i == 0) {
                path.moveTo(p.x(), p.y());
            } else {
                path.lineTo(p.x(), p.y());
            }
        }
        if (closed) {
            path.closePath();
        }
        return path;
    }

    private static void fill(Graphics2D g, java.awt.Shape shape, Mark.Style style) {
        if (style.fill() == null) {
            return;
        }
        g.setColor(colour(style.fill(), style.opacity()));
        g.fill(shape);
    }

    private static void stroke(Graphics2D g, java.awt.Shape shape, Mark.Style style) {
        if (style.stroke() == null || style.strokeWidth() <= 0) {
            return;
        }
        boolean area = style.fill() != null;
        g.setColor(colour(style.stroke(), area ? 1.0 : style.opacity()));
        float[] dash = null;
        if (style.dash() != null && style.dash().length > 0) {
            dash = new float[style.dash().length];
            for (int i = 0; i < dash.length; i++) {
                dash[i] = (float) style.dash()[i];
            }
        }
        g.setStroke(new BasicStroke((float) style.strokeWidth(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                dash, 0f));
        g.draw(shape);
    }

    private static void text(Graphics2D g, Mark.Text t) {
        Font font = new Font(Font.SANS_SERIF, t.bold() ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) t.size());
        g.setFont(font);
        g.setColor(colour(t.colour(), 1.0));
        double width = g.getFontMetrics().getStringBounds(t.text(), g).getWidth();
        double dx = switch (t.anchor()) {
            case START -> 0;
            case MIDDLE -> -width / 2;
            case END -> -width;
        };
        AffineTransform saved = g.getTransform();
        if (t.rotation() != 0) {
            g.rotate(Math.toRadians(t.rotation()), t.x(), t.y());
        }
        g.drawString(t.text(), (float) (t.x() + dx), (float) t.y());
        g.setTransform(saved);
    }

    static Color colour(String hex, double opacity) {
        String h = hex.startsWith("#") ? hex.substring(1) : hex;
        int rgb = Integer.parseInt(h, 16);
        int alpha = (int) Math.round(Math.max(0, Math.min(1, opacity)) * 255);
        return new Color((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, alpha);
    }
}
