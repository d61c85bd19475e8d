package org.cytotrial.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One imported study's analytics answers (summary, markers, analyses) compared with its
 * {@code expected.json}, computed independently in R: every field the file holds must be in the
 * answer with an equal value (numbers to 1e-6 relative). Every mismatch is collected in
 * {@code problems}; nothing is hard-coded here.
 */
public record ExpectedNumbers(Api api, String code, String name, List<String> problems) {

    private static final double REL = 1e-6;
    private static final double ABS = 1e-9;

    public void compareWith(JsonObject expected) {
        checkArms(expected.getJsonArray("arms"));
        checkMarkers(expected.getJsonArray("markers"));
        if (expected.containsKey("analyses") && !expected.isNull("analyses")) {
            checkAnalyses(expected.getJsonObject("analyses"));
        }
    }

    JsonObject get(String path) {
        Api.Answer answer = api.get("/api/studies/" + code + path);
        if (answer.status() != 200) {
            fail(name + " " + path + ": HTTP " + answer.status() + " " + answer.text());
        }
        return answer.json();
    }

    void checkArms(JsonArray expectedArms) {
        JsonArray arms = get("/summary").getJsonArray("arms");
        List<String> expectedOrder = expectedArms.stream().map(v -> v.asJsonObject().getString("arm")).toList();
        List<String> order = arms.stream().map(v -> v.asJsonObject().getString("arm")).toList();
        if (!expectedOrder.equals(order)) {
            problems.add(name + " arms: expected " + expectedOrder + " but was " + order);
            return;
        }
        for (int i = 0; i < arms.size(); i++) {
            compare(expectedArms.get(i), arms.get(i), name + " arm " + expectedOrder.get(i));
        }
    }

    void checkMarkers(JsonArray expectedMarkers) {
        Api.Answer answer = api.get("/api/studies/" + code + "/markers");
        assertEquals(200, answer.status(), answer.text());
        JsonArray markers = answer.jsonArray();
        if (markers.size() != expectedMarkers.size()) {
            problems.add(name + " markers: expected " + expectedMarkers.size() + " rows but were " + markers.size());
        }
        for (int i = 0; i < Math.min(markers.size(), expectedMarkers.size()); i++) {
            JsonObject e = expectedMarkers.getJsonObject(i);
            compare(e, markers.get(i), name + " marker row " + i + " " + e.getString("arm") + "/"
                    + e.getString("test") + "/" + e.get("visitnum"));
        }
    }

    private static final Pattern SPEARMAN = Pattern.compile("spearman(\\w+?)vs(\\w+?)Baseline");
    private static final Pattern MANN_WHITNEY = Pattern.compile("mannWhitney(\\w+)");
    private static final Pattern LOGRANK_CUTOFF = Pattern.compile("logrankPfs(\\w+)AboveCutoff");

    void checkAnalyses(JsonObject analyses) {
        for (String key : analyses.keySet()) {
            JsonObject e = analyses.getJsonObject(key);
            Matcher m;
            if ((m = SPEARMAN.matcher(key)).matches()) {
                compare(e, get("/analyses/spearman?x=" + m.group(1) + "&y=" + m.group(2) + "&visitnum=1"), key);
            } else if ((m = MANN_WHITNEY.matcher(key)).matches()) {
                JsonObject answer = get("/analyses/mann-whitney?test=" + m.group(1) + "&visitnum="
                        + e.get("visitnum") + "&arm1=" + enc(e.getString("arm1")) + "&arm2=" + enc(e.getString("arm2")));
                compare(e, answer, key);
            } else if (key.equals("logrankPfsByArm")) {
                compare(e, get("/analyses/pfs?groupBy=arm").getJsonObject("logrank"), key);
            } else if ((m = LOGRANK_CUTOFF.matcher(key)).matches()) {
                JsonObject answer = get("/analyses/pfs?marker=" + m.group(1) + "&cutoff=" + e.get("cutoff")
                        + "&visitnum=" + (e.containsKey("visitnum") ? e.get("visitnum") : "1"));
                JsonObject high = answer.getJsonArray("groups").getJsonObject(0);
                JsonObject low = answer.getJsonArray("groups").getJsonObject(1);
                compareField(e, "chisq", answer.getJsonObject("logrank"), key);
                compareField(e, "p", answer.getJsonObject("logrank"), key);
                if (e.containsKey("nHigh")) {
                    compareNumber(e.get("nHigh"), high.get("n"), key + " nHigh");
                }
                if (e.containsKey("nLow")) {
                    compareNumber(e.get("nLow"), low.get("n"), key + " nLow");
                }
                if (e.containsKey("high")) {
                    compare(e.get("high"), high, key + " high");
                }
                if (e.containsKey("low")) {
                    compare(e.get("low"), low, key + " low");
                }
            } else {
                problems.add(name + ": expected.json analysis '" + key + "' is not understood by this test");
            }
        }
    }

    /** Every field of the expected object must be in the actual one with an equal value. */
    void compare(JsonValue expected, JsonValue actual, String what) {
        if (expected.getValueType() == JsonValue.ValueType.OBJECT) {
            if (actual == null || actual.getValueType() != JsonValue.ValueType.OBJECT) {
                problems.add(what + ": expected an object but was " + actual);
                return;
            }
            JsonObject e = expected.asJsonObject();
            for (String field : e.keySet()) {
                compareField(e, field, actual.asJsonObject(), what);
            }
        } else if (expected.getValueType() == JsonValue.ValueType.NUMBER) {
            compareNumber(expected, actual, what);
        } else if (!expected.equals(actual)) {
            problems.add(what + ": expected " + expected + " but was " + actual);
        }
    }

    void compareField(JsonObject expected, String field, JsonObject actual, String what) {
        if (!actual.containsKey(field)) {
            problems.add(what + ": the answer has no '" + field + "'");
            return;
        }
        JsonValue e = expected.get(field);
        JsonValue a = actual.get(field);
        if (e.getValueType() == JsonValue.ValueType.NULL) {
            if (a.getValueType() != JsonValue.ValueType.NULL) {
                problems.add(what + " " + field + ": expected null but was " + a);
            }
            return;
        }
        compare(e, a, what + " " + field);
    }

    void compareNumber(JsonValue expected, JsonValue actual, String what) {
        if (actual == null || actual.getValueType() != JsonValue.ValueType.NUMBER) {
            problems.add(what + ": expected " + expected + " but was " + actual);
            return;
        }
        double e = ((JsonNumber) expected).doubleValue();
        double a = ((JsonNumber) actual).doubleValue();
        if (!(Math.abs(a - e) <= Math.max(REL * Math.abs(e), ABS))) {
            problems.add(what + ": expected " + e + " but was " + a);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
