package org.cytotrial.analytics;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How PFS is split into groups: by arm, or by a marker's value at a visit against a cut-off
 * (above the cut-off vs the rest, e.g. baseline IL-6 &gt; 4 pg/mL).
 *
 * @param marker      marker code; null to group by arm
 * @param cutoff      the cut-off in the marker's standard unit
 * @param visitNumber the visit whose value splits (1, baseline, by default)
 */
public record PfsGrouping(String marker, Double cutoff, BigDecimal visitNumber) {

    public static final PfsGrouping BY_ARM = new PfsGrouping(null, null, null);

    public PfsGrouping {
        if (marker != null) {
            Objects.requireNonNull(cutoff, "cutoff");
            visitNumber = visitNumber == null ? BigDecimal.ONE : visitNumber;
        }
    }

    /** The same split on the marker's catalogue code (e.g. "il6" as typed becomes "IL6"). */
    public PfsGrouping withMarker(String code) {
        return new PfsGrouping(code, cutoff, visitNumber);
    }

    public boolean byArm() {
        return marker == null;
    }

    public String aboveLabel() {
        return marker + " > " + Numbers.plain(cutoff);
    }

    public String restLabel() {
        return marker + " <= " + Numbers.plain(cutoff);
    }

    String cacheKey() {
        return byArm() ? "arm" : marker + ">" + cutoff + "@" + visitNumber.stripTrailingZeros().toPlainString();
    }
}
