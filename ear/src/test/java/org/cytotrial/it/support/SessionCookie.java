package org.cytotrial.it.support;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The page session cookie (JSESSIONID) as a server sets it: its value and its attributes, by
 * lower-case name (Undertow writes "Secure" or "secure", depending on the cookie's version). The
 * login form is posted here rather than through a browser, so that the Set-Cookie header is read
 * exactly as the server sent it.
 */
public record SessionCookie(String value, Map<String, String> attributes) {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*?value=\"([^\"]*)\"");
    private static final Pattern LOGIN_FORM_ACTION = Pattern.compile("<form id=\"loginForm\"[^>]*?action=\"([^\"]*)\"");

    /** The JSESSIONID cookie an answer sets, or null when it sets none. */
    public static SessionCookie of(Api.Answer answer) {
        return answer.response().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(SessionCookie::parse).findFirst().orElse(null);
    }

    static SessionCookie parse(String setCookie) {
        String[] parts = setCookie.split(";");
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].strip();
            int equals = part.indexOf('=');
            String name = (equals < 0 ? part : part.substring(0, equals)).strip().toLowerCase(Locale.ROOT);
            attributes.put(name, equals < 0 ? "" : part.substring(equals + 1).strip());
        }
        return new SessionCookie(parts[0].substring("JSESSIONID=".length()), attributes);
    }

    public boolean has(String attribute) {
        return attributes.containsKey(attribute.toLowerCase(Locale.ROOT));
    }

    public String attribute(String attribute) {
        return attributes.get(attribute.toLowerCase(Locale.ROOT));
    }

    /** The login page's answer and the answer to posting its form with these credentials. */
    public record FormLogin(Api.Answer page, Api.Answer login) {}

    /** Opens the login page and posts its form as a browser would (with the page's session and view state). */
    public static FormLogin formLogin(String baseUrl, String username, String password) {
        Api anonymous = Api.anonymous().at(baseUrl);
        Api.Answer page = anonymous.get("/login.xhtml");
        SessionCookie session = of(page);
        String html = page.text();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("loginForm", "loginForm");
        form.put("loginForm:username", username);
        form.put("loginForm:password", password);
        form.put("loginForm:submit", "");
        form.put("jakarta.faces.ViewState", group(VIEW_STATE, html));
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        String action = group(LOGIN_FORM_ACTION, html);
        String path = action.substring(action.indexOf("/cytotrial") + "/cytotrial".length());
        HttpRequest.Builder post = anonymous.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            post.header("Cookie", "JSESSIONID=" + session.value());
        }
        return new FormLogin(page, anonymous.send(post));
    }

    private static String group(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no " + pattern + " in the login page: " + html);
        }
        return matcher.group(1).replace("&amp;", "&");
    }
}
