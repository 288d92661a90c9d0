package dev.backtrack.autoconfigure.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.autoconfigure.actuate.FailingGroup;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.test.DeliveryLedger;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.SentMessages;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A paused run over HTTP, in an application whose binding reads a topic of the shared cluster: a replay whose canary
 * the group fails answers 409 naming the failed message; the gauge {@code backtrack.runs.paused} then reads 1 and the
 * health contributor, still UP, lists the run under {@code pausedRuns}; once the run is aborted the gauge reads 0, the
 * list is empty and a resume is refused. Only an authenticated user with the role may replay or abort.
 */
@SpringBootTest(classes = PausedRunsOverHttpTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.endpoints.web.exposure.include=health,metrics,backtrack",
            "management.endpoint.health.show-details=always",
            "backtrack.control.enabled=false"
        })
@AutoConfigureObservability(tracing = false)
class PausedRunsOverHttpTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    private static final String ID = UUID.randomUUID().toString().substring(0, 8);
    private static final String TOPIC = "http-paused-" + ID;
    private static final String GROUP = "http-paused-group-" + ID;
    private static final String OPERATOR = "operator:op-secret";
    private static final String VIEWER = "viewer:view-secret";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An application with the binding {@code orders} and no listener: the test's own consumer is the group. */
    @SpringBootApplication
    static class App {

        /** Stands in for the application's security: HTTP Basic for two users, setting the request's user and role. */
        @Bean
        Filter basicUsers() {
            return new BasicUsers(Map.of(OPERATOR, "BACKTRACK_ADMIN", VIEWER, "VIEWER"));
        }
    }

    @DynamicPropertySource
    static void sharedCluster(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.stream.rocketmq.binder.name-server", MQ::nameServerAddress);
        registry.add("spring.cloud.stream.bindings.orders.destination", () -> TOPIC);
        registry.add("spring.cloud.stream.bindings.orders.group", () -> GROUP);
        registry.add("backtrack.journal.topic", () -> "HTTP_PAUSED_JOURNAL_" + ID);
    }

    @LocalServerPort
    int port;

    private final RocketMqAdmin admin = TestAdmins.of(MQ);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPausedRunIsCountedAndListedUntilItIsAborted() throws Exception {
        List<String> ids;
        try (SentMessages sent = SentMessages.toNewTopic(MQ.rocketMq(), TOPIC, 1)) {
            ids = sent.send(6);
        }
        String poison = ids.get(0);
        try (RecordingConsumer consumer = FailingGroup.start(MQ.nameServerAddress(), admin, GROUP, TOPIC,
                m -> poison.equals(m.getMsgId()), new DeliveryLedger())) {
            consumer.awaitLabels(ids, PATIENCE);
            await().atMost(PATIENCE).until(() -> admin.isOnline(GROUP));
            assertThat(pausedGauge()).as("no run paused yet").isEqualTo(0.0);
            String replay = "{\"binding\":\"orders\",\"from\":\"0\",\"until\":\"now\",\"dryRun\":false,\"canary\":1,"
                    + "\"pauseAbove\":\"2.5%\"}";
            assertThat(post("replay", replay, null).statusCode()).as("anonymous").isEqualTo(401);
            assertThat(post("replay", replay, VIEWER).statusCode()).as("without the role").isEqualTo(403);

            HttpResponse<String> paused = post("replay", replay, OPERATOR);

            assertThat(paused.statusCode()).as(paused.body()).isEqualTo(409);
            JsonNode run = JSON.readTree(paused.body());
            String runId = run.get("runId").asText();
            assertThat(run.get("state").asText()).isEqualTo("PAUSED");
            assertThat(run.get("replayed").asLong()).isEqualTo(1);
            assertThat(run.get("error").asText()).startsWith("The replay paused after the canary: 1 of its 1 messages "
                    + "failed: " + poison + " (broker-a/0 at offset 0, failed 1 time");
            assertThat(run.at("/canary/sent").asInt()).isEqualTo(1);
            assertThat(run.at("/canary/passed").asBoolean()).isFalse();
            assertThat(run.at("/canary/failed/0/msgId").asText()).isEqualTo(poison);
            assertThat(run.at("/canary/failed/0/origin").asText()).isEqualTo("broker-a/0");
            assertThat(run.at("/canary/failed/0/originOffset").asLong()).isZero();
            assertThat(run.get("resume").asText()).contains("/actuator/backtrack/resume").contains(runId);

            await("the gauge counts the paused run").atMost(PATIENCE).until(() -> pausedGauge() == 1.0);
            JsonNode health = health();
            assertThat(health.get("status").asText()).as("a paused run waits for an operator").isEqualTo("UP");
            JsonNode listed = health.at("/details/pausedRuns");
            assertThat(listed).hasSize(1);
            assertThat(listed.at("/0/runId").asText()).isEqualTo(runId);
            assertThat(listed.at("/0/group").asText()).isEqualTo(GROUP);
            assertThat(listed.at("/0/topic").asText()).isEqualTo(TOPIC);
            assertThat(listed.at("/0/reason").asText()).startsWith("paused after the canary: 1 of its 1 messages "
                    + "failed: " + poison);
            assertThat(listed.at("/0/at").asLong()).isPositive();

            String abort = "{\"id\":\"" + runId + "\"}";
            assertThat(post("abort", abort, null).statusCode()).as("anonymous").isEqualTo(401);
            assertThat(post("abort", abort, VIEWER).statusCode()).as("without the role").isEqualTo(403);
            HttpResponse<String> aborted = post("abort", abort, OPERATOR);
            assertThat(aborted.statusCode()).as(aborted.body()).isEqualTo(200);
            JsonNode end = JSON.readTree(aborted.body());
            assertThat(end.get("runId").asText()).isEqualTo(runId);
            assertThat(end.get("state").asText()).isEqualTo("ABORTED");
            assertThat(end.get("abortedBy").asText()).isEqualTo("operator");
            assertThat(end.get("at").asLong()).isPositive();

            await("the gauge forgets the aborted run").atMost(PATIENCE).until(() -> pausedGauge() == 0.0);
            assertThat(health().at("/details/pausedRuns")).isEmpty();
            HttpResponse<String> resume = post("resume", abort, OPERATOR);
            assertThat(resume.statusCode()).as(resume.body()).isEqualTo(409);
            assertThat(JSON.readTree(resume.body()).get("error").asText()).startsWith("Run " + runId + " was aborted "
                    + "at ").endsWith(" (by operator); there is nothing to resume.");
        }
        // An application without functions of its own: Spring Cloud Stream binds every Supplier bean as a source and
        // polls it; none of Backtrack's beans may be one (its metrics admin was, and made this topic).
        assertThat(admin.holdsTopic(MQ.rocketMq().brokerAddresses().get(0), "backtrackMetricsClusterAdmin-out-0"))
                .isFalse();
    }

    private double pausedGauge() throws Exception {
        HttpResponse<String> response = get("/actuator/metrics/backtrack.runs.paused");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).at("/measurements/0/value").asDouble();
    }

    private JsonNode health() throws Exception {
        HttpResponse<String> response = get("/actuator/health/backtrack");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String operation, String body, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/backtrack/" + operation)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * HTTP Basic against fixed users ("name:password" to role), as an application's security would: the request of a
     * known user carries its principal and role, any other request goes on unauthenticated.
     */
    private record BasicUsers(Map<String, String> roles) implements Filter {

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            String header = http.getHeader("Authorization");
            String credentials = header != null && header.startsWith("Basic ")
                    ? new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8) : "";
            String role = roles.get(credentials);
            if (role == null) {
                chain.doFilter(request, response);
                return;
            }
            String user = credentials.substring(0, credentials.indexOf(':'));
            chain.doFilter(new HttpServletRequestWrapper(http) {
                @Override
                public Principal getUserPrincipal() {
                    return () -> user;
                }

                @Override
                public String getRemoteUser() {
                    return user;
                }

                @Override
                public boolean isUserInRole(String asked) {
                    return role.equals(asked);
                }
            }, response);
        }
    }
}
