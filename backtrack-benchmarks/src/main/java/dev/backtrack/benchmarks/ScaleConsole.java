package dev.backtrack.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.rocketmq.common.message.MessageQueue;
import org.jspecify.annotations.Nullable;

/**
 * The stand-alone console ({@code bin/backtrack console}) as a process of its own on a free port, logged in as its
 * operator through the login form: the scale benchmark times its plan over HTTP as the page asks for it
 * ({@code POST /backtrack-console/api/plan}, the CSRF token from the {@code XSRF-TOKEN} cookie in its header).
 */
final class ScaleConsole implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final long START_PATIENCE_MILLIS = 180_000;

    private final Process process;
    private final Path log;
    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    private ScaleConsole(Process process, Path log, String base) {
        this.process = process;
        this.log = log;
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Starts the project's console on {@code nameServer} and logs in; null when the console is not built there. */
    static @Nullable ScaleConsole start(@Nullable Path project, String nameServer, Path work) throws Exception {
        if (project == null
                || !Files.isRegularFile(project.resolve("backtrack-console/target/backtrack-console-exec.jar"))) {
            return null;
        }
        int port = ExampleApp.freePort();
        String password = UUID.randomUUID().toString();
        Path log = Files.createDirectories(work).resolve("console.log");
        ProcessBuilder builder = new ProcessBuilder("bash", project.resolve("bin/backtrack").toString(), "console",
                "-n", nameServer, "--port", Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("BACKTRACK_ADMIN_PASSWORD", password);
        ScaleConsole console = new ScaleConsole(builder.start(), log, "http://127.0.0.1:" + port + "/backtrack-console");
        try {
            console.logIn("operator", password);
            return console;
        } catch (Exception e) {
            console.close();
            throw e;
        }
    }

    /** The plan by time over HTTP: how long it took to answer, in milliseconds, and the target of every queue. */
    TimedPlan plan(String group, String topic, long time) throws Exception {
        String token = cookie("XSRF-TOKEN");
        String body = JSON.writeValueAsString(Map.of("group", group, "topic", topic, "to", Long.toString(time)));
        long started = System.nanoTime();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/plan"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("The console's plan answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        Map<MessageQueue, Long> targets = new HashMap<>();
        for (JsonNode queue : JSON.readTree(answer.body()).path("queues")) {
            targets.put(new MessageQueue(topic, queue.path("broker").asText(), queue.path("queueId").asInt()),
                    queue.path("targetOffset").asLong());
        }
        return new TimedPlan(millis, targets);
    }

    /** A plan's answer time and its targets by queue. */
    record TimedPlan(long millis, Map<MessageQueue, Long> targets) {
    }

    private void logIn(String user, String password) throws Exception {
        HttpResponse<String> page = loginPage();
        Matcher token = TOKEN_FIELD.matcher(page.body());
        if (!token.find()) {
            throw new IllegalStateException("The console's login page has no CSRF field: " + page.body());
        }
        String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(token.group(1));
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("The console refused the benchmark's login: " + login.statusCode());
        }
        http.send(HttpRequest.newBuilder(URI.create(base + "/api/me")).GET().build(),
                HttpResponse.BodyHandlers.discarding()); // sets the XSRF-TOKEN cookie the page sends back
    }

    /** The login page, once the console answers. */
    private HttpResponse<String> loginPage() throws Exception {
        long deadline = System.currentTimeMillis() + START_PATIENCE_MILLIS;
        while (true) {
            try {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET()
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() == 200) {
                    return page;
                }
            } catch (ConnectException notYet) {
                // still starting
            }
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("The console did not answer at " + base + "/login within "
                        + START_PATIENCE_MILLIS / 1000 + " s; its log:\n" + Files.readString(log));
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("The console set no " + name + " cookie"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Stops the console and waits for it to exit. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
