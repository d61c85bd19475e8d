package org.cytotrial.web.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Numbers as the analytics pages print them ({@code #{analyticsFmt.rate(x)}}): rates in percent with
 * one decimal, intervals with an en dash, p-values with three significant digits, a dash for
 * what cannot be estimated and "NR" for a median not reached.
 */
@Named("analyticsFmt")
@ApplicationScoped
public class Formats {

    public static final String NONE = "–";

    public String rate(Double rate) {
        return rate == null ? NONE : String.format(Locale.ROOT, "%.1f %%", rate * 100);
    }

    public String interval(Double lower, Double upper) {
        if (lower == null || upper == null) {
            return NONE;
        }
        return String.format(Locale.ROOT, "%.1f–%.1f %%", lower * 100, upper * 100);
    }

    public String number(Double value, int decimals) {
        return value == null ? NONE : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    public String months(Double value) {
        return value == null ? "NR" : String.format(Locale.ROOT, "%.1f", value);
    }

    public String monthsInterval(Double lower, Double upper) {
        if (lower == null && upper == null) {
            return NONE;
        }
        return months(lower) + "–" + months(upper);
    }

    public String p(Double p) {
        if (p == null) {
            return NONE;
        }
        if (p < 0.0001) {
            return "< 0.0001";
        }
        return String.format(Locale.ROOT, "%.3g", p);
    }

    public String percentChange(Double value) {
        return value == null ? NONE : String.format(Locale.ROOT, "%+.1f %%", value);
    }

    public String visit(BigDecimal number) {
        return number == null ? NONE : number.stripTrailingZeros().toPlainString();
    }

    public String visitNum(double number) {
        return visit(BigDecimal.valueOf(number));
    }
}
