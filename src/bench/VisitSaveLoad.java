/*
 * Load client for the visit-save benchmark (docs/benchmarks.md). JDK only, run from source:
 *
 *   java src/bench/VisitSaveLoad.java --base http://localhost:8180/cytotrial --study SYN-10K \
 *        --clients 20 --warmup 15 --seconds 60 --results 15
 *
 * Each client thread owns its own subjects (so clients never collide on a visit), reads one done
 * visit per subject (its version and stored results), then saves it again and again over REST
 * (PUT .../visits/{visitnum}) with 15 results changed each time (values alternate between the
 * stored one and 1 % below it, so every save really writes 15 rows and their audit rows), using
 * the version each save returns. Only the PUTs after the warm-up are timed; the client reports
 * throughput and latency percentiles. "--prefer minimal" asks for the new version only instead of
 * the whole form (RFC 7240). "--think 1000" makes each client pause that many milliseconds between
 * its saves (a person at a keyboard); 0, the default, saves back to back (a saturation test).
 * With a think time, "--arrivals lockstep" (the default) starts every client at once and pauses
 * exactly that long, so the clients' saves arrive together in bursts; "--arrivals random" starts
 * each client at a random moment within the first think time and pauses a random time between 0
 * and twice the think time (the same mean), as people who do not coordinate their typing.
 * "--mode list" times the subject list's first page instead.
 */
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

public class VisitSaveLoad {

    static String base;
    static String auth;
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("base", "http://localhost:8180/cytotrial", "user", "coordinator",
                "password", "cytotrial-demo", "clients", "20", "warmup", "15", "seconds", "60", "results", "15",
                "subjects-per-client", "10", "mode", "save", "repeat", "50"));
        o.putIfAbsent("prefer", "");
        o.putIfAbsent("think", "0");
        o.putIfAbsent("arrivals", "lockstep");
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        base = o.get("base");
        auth = "Basic " + Base64.getEncoder().encodeToString((o.get("user") + ":" + o.get("password")).getBytes(StandardCharsets.UTF_8));
        String study = o.get("study");
        String prefer = o.get("prefer");
        long think = Long.parseLong(o.get("think"));
        boolean randomArrivals = switch (o.get("arrivals")) {
            case "lockstep" -> false;
            case "random" -> true;
            default -> throw new IllegalArgumentException("--arrivals is lockstep or random, not " + o.get("arrivals"));
        };
        if (o.get("mode").equals("list")) {
            list(study, Integer.parseInt(o.get("repeat")));
            return;
        }
        int clients = Integer.parseInt(o.get("clients"));
        int perClient = Integer.parseInt(o.get("subjects-per-client"));
        int results = Integer.parseInt(o.get("results"));
        List<Target> targets = prepare(study, clients * perClient, results);
        System.out.printf("prepared %d subjects with a done visit of at least %d results%n", targets.size(), results);

        long warmupEnd = System.nanoTime() + Long.parseLong(o.get("warmup")) * 1_000_000_000L;
        long end = warmupEnd + Long.parseLong(o.get("seconds")) * 1_000_000_000L;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            List<Target> mine = new ArrayList<>();
            for (int i = c; i < targets.size(); i += clients) {
                mine.add(targets.get(i));
            }
            Thread t = new Thread(() -> {
                try {
                    int n = 0;
                    if (randomArrivals && think > 0) {
                        Thread.sleep(ThreadLocalRandom.current().nextLong(think));
                    }
                    while (System.nanoTime() < end && !mine.isEmpty()) {
                        Target target = mine.get(n++ % mine.size());
                        long start = System.nanoTime();
                        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/studies/" + study + "/subjects/"
                                + target.usubjid + "/visits/" + target.visitnum)).header("Content-Type", "application/json")
                                .header("Prefer", prefer.isEmpty() ? "return=representation" : "return=" + prefer)
                                .PUT(HttpRequest.BodyPublishers.ofString(target.body())));
                        long took = System.nanoTime() - start;
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                            System.err.println(r.statusCode() + " " + r.body());
                            target.version = version(get("/api/studies/" + study + "/subjects/" + target.usubjid + "/visits/"
                                    + target.visitnum));
                            continue;
                        }
                        target.version = ((Number) ((Map<?, ?>) Json.parse(r.body())).get("version")).longValue();
                        target.flip = !target.flip;
                        if (start > warmupEnd) {
                            latencies.add(took);
                        }
                        if (think > 0) {
                            Thread.sleep(randomArrivals ? ThreadLocalRandom.current().nextLong(2 * think + 1) : think);
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
            t.start();
        }
        done.await();
        report("PUT visit with " + results + " results, " + clients + " clients, think " + think + " ms ("
                + o.get("arrivals") + "), prefer "
                + (prefer.isEmpty() ? "representation" : prefer), new ArrayList<>(latencies),
                Long.parseLong(o.get("seconds")), errors.get());
    }

    static final class Target {
        final String usubjid;
        final String visitnum;
        final List<String[]> results;
        long version;
        boolean flip;

        Target(String usubjid, String visitnum, long version, List<String[]> results) {
            this.usubjid = usubjid;
            this.visitnum = visitnum;
            this.version = version;
            this.results = results;
        }

        String body() {
            StringBuilder b = new StringBuilder("{\"version\":").append(version).append(",\"reason\":\"benchmark\",\"results\":[");
            for (int i = 0; i < results.size(); i++) {
                String[] r = results.get(i);
                String value = flip ? r[1] : lower(r[1]);
                b.append(i == 0 ? "" : ",").append("{\"test\":\"").append(r[0]).append("\",\"value\":\"").append(value)
                        .append("\",\"unit\":\"").append(r[2]).append("\"}");
            }
            return b.append("]}").toString();
        }

        static String lower(String value) {
            double v = Double.parseDouble(value);
            return v == 0 ? "0.001" : String.format(java.util.Locale.ROOT, "%.4f", v * 0.99);
        }
    }

    /** Subjects with a done visit holding enough results: the visit read once for its version. */
    static List<Target> prepare(String study, int wanted, int results) throws Exception {
        List<Target> targets = new ArrayList<>();
        for (int first = 0; targets.size() < wanted; first += 100) {
            Map<?, ?> page = (Map<?, ?>) Json.parse(get("/api/studies/" + study + "/subjects?size=100&first=" + first));
            List<?> rows = (List<?>) page.get("rows");
            if (rows.isEmpty()) {
                break;
            }
            for (Object row : rows) {
                Map<?, ?> subject = (Map<?, ?>) row;
                if (((Number) subject.get("visitsDone")).intValue() < 2 || targets.size() >= wanted) {
                    continue;
                }
                String usubjid = (String) subject.get("usubjid");
                String visit = get("/api/studies/" + study + "/subjects/" + usubjid + "/visits/2");
                Map<?, ?> v = (Map<?, ?>) Json.parse(visit);
                List<String[]> entered = new ArrayList<>();
                for (Object r : (List<?>) v.get("results")) {
                    Map<?, ?> result = (Map<?, ?>) r;
                    String test = (String) result.get("test");
                    if (!Boolean.TRUE.equals(result.get("derived")) && entered.size() < results) {
                        entered.add(new String[] {test, (String) result.get("value"), (String) result.get("unit")});
                    }
                }
                if (entered.size() == results && v.get("version") != null) {
                    targets.add(new Target(usubjid, "2", ((Number) v.get("version")).longValue(), entered));
                }
            }
        }
        return targets;
    }

    static void list(String study, int repeat) throws Exception {
        List<Long> api = new ArrayList<>();
        List<Long> page = new ArrayList<>();
        for (int i = 0; i < repeat + 5; i++) {
            long start = System.nanoTime();
            String body = get("/api/studies/" + study + "/subjects?size=25");
            long took = System.nanoTime() - start;
            if (i >= 5) {
                api.add(took);
            }
            if (i == 0) {
                System.out.println("total subjects visible: " + ((Map<?, ?>) Json.parse(body)).get("total"));
            }
        }
        report("GET first page of 25 subjects (REST)", api, 0, 0);
    }

    static long version(String json) {
        return ((Number) ((Map<?, ?>) Json.parse(json)).get("version")).longValue();
    }

    static void report(String what, List<Long> nanos, long seconds, int errors) {
        Collections.sort(nanos);
        int n = nanos.size();
        if (n == 0) {
            System.out.println(what + ": no samples");
            return;
        }
        System.out.printf("%s: %d samples%s, errors %d%n", what, n, seconds > 0 ? String.format(" (%.1f per second)", n / (double) seconds) : "", errors);
        System.out.printf("  p50 %.1f ms, p90 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", ms(nanos, 0.50), ms(nanos, 0.90),
                ms(nanos, 0.95), ms(nanos, 0.99), nanos.get(n - 1) / 1e6);
    }

    static double ms(List<Long> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

    static URI uri(String path) {
        return URI.create(base + path);
    }

    static String get(String path) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).GET());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", auth).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Just enough JSON to read the answers: objects, arrays, strings, numbers, true, false, null. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            return new Json(text).value();
        }

        private Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                i++;
                skip();
                if (s.charAt(i) == '}') {
                    i++;
                    return map;
                }
                while (true) {
                    skip();
                    String key = (String) value();
                    skip();
                    i++; // ':'
                    map.put(key, value());
                    skip();
                    if (s.charAt(i++) == '}') {
                        return map;
                    }
                }
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                i++;
                skip();
                if (s.charAt(i) == ']') {
                    i++;
                    return list;
                }
                while (true) {
                    list.add(value());
                    skip();
                    if (s.charAt(i++) == ']') {
                        return list;
                    }
                }
            }
            if (c == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (s.charAt(i) != '"') {
                    char ch = s.charAt(i++);
                    if (ch == '\\') {
                        char e = s.charAt(i++);
                        switch (e) {
                            case 'u' -> {
                                b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                                i += 4;
                            }
                            case 'n' -> b.append('\n');
                            case 't' -> b.append('\t');
                            default -> b.append(e);
                        }
                    } else {
                        b.append(ch);
                    }
                }
                i++;
                return b.toString();
            }
            if (s.startsWith("true", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            return Double.valueOf(s.substring(start, i));
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
