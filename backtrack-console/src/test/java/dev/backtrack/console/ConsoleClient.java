package dev.backtrack.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like HTTP client of the console for tests: cookies, form login, the CSRF header on POSTs. */
public final class ConsoleClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    /** A client of the console at {@code base} (e.g. {@code http://localhost:8080/backtrack-console}). */
    public ConsoleClient(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Logs in through the login form; returns the answer to the form's POST (302 to the UI when it worked). */
    public HttpResponse<String> login(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> page = get("/login");
        Matcher token = CSRF_FIELD.matcher(page.body());
        if (!token.find()) {
            throw new IllegalStateException("no CSRF field in the login page: " + page.body());
        }
        String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(token.group(1));
        return http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A client of the console at {@code base}, logged in as {@code user}; fails unless the login leads to the UI. */
    public static ConsoleClient loggedIn(String base, String user, String password)
            throws IOException, InterruptedException {
        ConsoleClient client = new ConsoleClient(base);
        HttpResponse<String> login = client.login(user, password);
        String location = login.headers().firstValue("Location").orElse("");
        if (login.statusCode() != 302 || !location.endsWith("/backtrack-console/")) {
            throw new IllegalStateException("Login of " + user + " answered " + login.statusCode() + " to " + location);
        }
        return client;
    }

    /** GET {@code path} under the console's base. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POST a JSON body with the CSRF header from the XSRF-TOKEN cookie (a GET first sets the cookie). */
    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        get("/api/me"); // as the UI does first: the answer sets the XSRF-TOKEN cookie
        String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new IllegalStateException("no XSRF-TOKEN"));
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POST a JSON body without any CSRF token. */
    public HttpResponse<String> postWithoutCsrf(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON object of the given field names and values, in that order; a null value leaves its field out. */
    public static String object(Object... namesAndValues) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return JSON.writeValueAsString(fields);
    }

    /** The body as JSON. */
    public static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** The value URL-encoded for a query or form. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
