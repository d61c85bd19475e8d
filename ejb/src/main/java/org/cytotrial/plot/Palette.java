package org.cytotrial.plot;

import java.util.List;
import org.cytotrial.response.ResponseCategory;

/**
 * Colours: arms and groups in the Okabe-Ito palette (distinguishable with colour-vision
 * deficiencies), responses from green (complete) to red (progression), not evaluable grey.
 */
public final class Palette {

    public static final String TEXT = "#1f2933";
    public static final String AXIS = "#52606d";
    public static final String GRID = "#e4e7eb";
    public static final String REFERENCE = "#7b8794";

    private static final List<String> GROUPS = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
            "#56B4E9", "#8C6D1F", "#000000");

    private Palette() {
    }

    /** The colour of the i-th arm or group (cycling). */
    public static String group(int index) {
        return GROUPS.get(Math.floorMod(index, GROUPS.size()));
    }

    public static String response(ResponseCategory category) {
        if (category == null) {
            return "#9aa5b1";
        }
        return switch (category) {
            case CR -> "#116329";
            case PR -> "#2da44e";
            case MR -> "#8cc265";
            case SD -> "#0969da";
            case PD -> "#cf222e";
            case NE -> "#8c959f";
        };
    }
}
