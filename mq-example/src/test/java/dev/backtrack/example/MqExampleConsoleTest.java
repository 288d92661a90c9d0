package dev.backtrack.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console in the example application: its users come from the environment, it sees the application's binding,
 * it rewinds it in place with the user's name in the journal, and the application's own security (HTTP Basic on the
 * actuator, the open /produce) is unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // stops this class's embedded broker now rather than in a JVM shutdown hook
class MqExampleConsoleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String GROUP = "backtracking-consumer-group";

    @DynamicPropertySource
    static void embeddedBrokerOnFreePortsAndPasswords(DynamicPropertyRegistry registry) throws IOException {
        ExampleApp.embeddedBrokerOnFreePorts(registry, "mq-example-console-");
        registry.add("BACKTRACK_ADMIN_PASSWORD", () -> "op-secret");
        registry.add("BACKTRACK_VIEWER_PASSWORD", () -> "view-secret");
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private final CookieManager cookies = new CookieManager();
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    private final HttpClient plain = HttpClient.newHttpClient();

    @Test
    void theConsoleRewindsTheBindingInPlaceAndTheApplicationsSecurityStaysAsItWas() throws Exception {
        assertThat(send(plain, get("/backtrack-console/api/me")).statusCode()).isEqualTo(401);
        logIn("operator", "op-secret");

        JsonNode groups = JSON.readTree(send(browser, get("/backtrack-console/api/groups")).body());
        JsonNode group = null;
        for (JsonNode g : groups) {
            group = g.get("group").asText().equals(GROUP) ? g : group;
        }
        assertThat(group).as(groups.toString()).isNotNull();
        assertThat(group.get("consumers").toString())
                .isEqualTo("[{\"kind\":\"binding\",\"name\":\"input-backtracking\"}]");
        assertThat(group.get("online").asInt()).isEqualTo(1);

        send(plain, get("/produce"));
        HttpResponse<String> rewind = send(browser, post("/backtrack-console/api/rewind", "{\"group\":\"" + GROUP
                + "\",\"topic\":\"test-topic3\",\"to\":\"-1h\",\"confirm\":\"" + GROUP + "\"}"));
        assertThat(rewind.statusCode()).as(rewind.body()).isEqualTo(200);
        assertThat(JSON.readTree(rewind.body()).get("path").asText()).isEqualTo("IN_PROCESS");
        assertThat(meters.find("backtrack.rewinds").tags("path", "IN_PROCESS", "outcome", "applied").counter())
                .as("the console's rewind is counted in the application's metrics").isNotNull()
                .satisfies(counter -> assertThat(counter.count()).isEqualTo(1.0));
        JsonNode history = JSON.readTree(send(browser, get("/backtrack-console/api/history?group=" + GROUP)).body());
        assertThat(history.get(0).get("kind").asText()).isEqualTo("REWIND");
        assertThat(history.get(0).get("actor").asText()).isEqualTo("operator");

        assertThat(send(plain, get("/actuator/backtrack")).statusCode()).as("the actuator still needs Basic")
                .isEqualTo(401);
        assertThat(send(plain, HttpRequest.newBuilder(uri("/actuator/backtrack"))
                .header("Authorization", ExampleApp.basic("operator:op-secret")).GET().build()).statusCode())
                .isEqualTo(200);
        assertThat(send(plain, get("/produce")).statusCode()).as("the seed's endpoint stays open").isEqualTo(200);
    }

    @Test
    void aViewerOfTheConsoleMayLookButNotRewind() throws Exception {
        logIn("viewer", "view-secret");
        assertThat(send(browser, get("/backtrack-console/api/topics")).statusCode()).isEqualTo(200);
        HttpResponse<String> rewind = send(browser, post("/backtrack-console/api/rewind", "{\"group\":\"" + GROUP
                + "\",\"topic\":\"test-topic3\",\"to\":\"-1h\",\"confirm\":\"" + GROUP + "\"}"));
        assertThat(rewind.statusCode()).isEqualTo(403);
    }

    private void logIn(String user, String password) throws Exception {
        Matcher token = CSRF_FIELD.matcher(send(browser, get("/backtrack-console/login")).body());
        assertThat(token.find()).isTrue();
        String form = "username=" + user + "&password=" + password + "&_csrf="
                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> login = send(HttpClient.newBuilder().cookieHandler(cookies).build(),
                HttpRequest.newBuilder(uri("/backtrack-console/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/backtrack-console/");
    }

    private HttpRequest post(String path, String json) throws Exception {
        send(browser, get("/backtrack-console/api/me")); // sets the XSRF-TOKEN cookie, as the UI's first call does
        String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .findFirst().orElseThrow().getValue();
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET().build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + "/mq-example" + path);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
