/**
 * Plots as a small model of marks (lines, polygons, rectangles, circles, text), built by one
 * class per chart (Kaplan-Meier, waterfall, spider, swimmer, marker time course) and drawn by
 * two renderers: SVG text and PNG through Java2D. Both draw the same marks, so a downloaded
 * PNG shows exactly what the page's SVG shows, and tests can count the marks of a chart without
 * a browser. Every mark carries a role (its SVG class) such as {@code ct-km-censor}. Plain Java.
 */
package org.cytotrial.plot;
