package dev.backtrack.autoconfigure.metrics;

import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.autoconfigure.actuate.BacktrackEndpoint;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.TestClients;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Backtrack's metrics over {@code /actuator/metrics} and {@code /actuator/prometheus}, and its health contributor
 * over {@code /actuator/health/backtrack}, in an application on the embedded RocketMQ: UP, then DOWN once the broker
 * is stopped.
 */
@SpringBootTest(classes = MetricsAndHealthOverHttpTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.endpoints.web.exposure.include=health,metrics,prometheus,backtrack",
            "management.endpoint.health.show-details=always",
            "backtrack.embedded.enabled=true",
            "backtrack.embedded.name-server-port=0",
            "backtrack.embedded.broker-port=0",
            "spring.cloud.function.definition=sink",
            "spring.cloud.stream.bindings.sink-in-0.destination=" + MetricsAndHealthOverHttpTest.TOPIC,
            "spring.cloud.stream.bindings.sink-in-0.group=" + MetricsAndHealthOverHttpTest.GROUP,
            "spring.cloud.stream.rocketmq.bindings.sink-in-0.consumer.consumeFromWhere=CONSUME_FROM_TIMESTAMP",
            "spring.cloud.stream.rocketmq.bindings.sink-in-0.consumer.consumeTimestamp=-1h",
            "spring.cloud.stream.rocketmq.bindings.sink-in-0.consumer.persistConsumerOffsetInterval=1000",
            "spring.cloud.stream.rocketmq.bindings.sink-in-0.consumer.enableMsgTrace=false"
        })
@AutoConfigureObservability(tracing = false) // test contexts export no metrics unless asked (/actuator/prometheus)
@DirtiesContext // the test stops the embedded broker
class MetricsAndHealthOverHttpTest {

    static final String TOPIC = "metrics-topic";
    static final String GROUP = "metrics-group";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Set<String> RECEIVED = ConcurrentHashMap.newKeySet();
    @SpringBootApplication
    static class App {
        @Bean
        Consumer<String> sink() {
            return RECEIVED::add;
        }
    }

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        String store = Files.createTempDirectory("backtrack-metrics-").toString();
        registry.add("backtrack.embedded.store-dir", () -> store);
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedRocketMq rocketMq;

    @Autowired
    BacktrackEndpoint endpoint;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void rewindsAndPositioningsAreMeasuredAndHealthTurnsDownWhenTheBrokerStops() throws Exception {
        assertThat(measurement("backtrack.positionings", "outcome:applied")).isEqualTo(1.0);
        TestClients.send(rocketMq.nameServerAddress(), TOPIC, 6, i -> "\"m-" + i + "\"");
        await().atMost(PATIENCE).until(() -> RECEIVED.size() == 6);
        await("offsets committed").atMost(PATIENCE).until(() -> {
            WebEndpointResponse<Object> dry = endpoint.rewind(OPERATOR, "sink-in-0", null, null, null, "0", null,
                    null, null, "true", null);
            RewindPlan plan = (RewindPlan) ((Map<?, ?>) dry.getBody()).get("plan");
            return plan.queues().stream().filter(q -> q.maxOffset() > 0)
                    .allMatch(q -> Long.valueOf(q.maxOffset()).equals(q.committedOffset()));
        });

        WebEndpointResponse<Object> rewind = endpoint.rewind(OPERATOR, "sink-in-0", null, null, null, null, "-1",
                null, null, "false", null);

        assertThat(rewind.getStatus()).as("%s", rewind.getBody()).isEqualTo(200);
        Map<?, ?> result = (Map<?, ?>) rewind.getBody();
        assertThat(result.get("path").toString()).isEqualTo("IN_PROCESS");
        long replayed = (Long) result.get("messagesToReplay");
        assertThat(measurement("backtrack.rewinds", "path:IN_PROCESS", "outcome:applied")).isEqualTo(1.0);
        assertThat(statistic(get("/actuator/metrics/backtrack.rewind.messages"), "TOTAL")).isEqualTo(replayed);
        assertThat(statistic(get("/actuator/metrics/backtrack.rewind.in-place"), "COUNT")).isEqualTo(1.0);
        await("the replay is over").atMost(PATIENCE)
                .until(() -> measurement("backtrack.replay.remaining", "group:" + GROUP, "topic:" + TOPIC) == 0.0);
        String prometheus = get("/actuator/prometheus").body();
        assertThat(prometheus).contains("backtrack_rewinds_total{outcome=\"applied\",path=\"IN_PROCESS\"} 1.0")
                .contains("backtrack_positionings_total{outcome=\"applied\"} 1.0")
                .contains("backtrack_replay_remaining{group=\"" + GROUP + "\",topic=\"" + TOPIC + "\"} 0.0");

        HttpResponse<String> up = get("/actuator/health/backtrack");
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        JsonNode upBody = JSON.readTree(up.body());
        assertThat(upBody.get("status").asText()).isEqualTo("UP");
        assertThat(upBody.at("/details/nameServer/status").asText()).isEqualTo("UP");
        assertThat(upBody.at("/details/nameServer/address").asText()).isEqualTo(rocketMq.nameServerAddress());
        assertThat(upBody.at("/details/controlChannel/status").asText()).isEqualTo("UP");
        assertThat(upBody.at("/details/embeddedBroker/status").asText()).isEqualTo("UP");

        String nameServer = rocketMq.nameServerAddress();
        rocketMq.stop();

        HttpResponse<String> down = get("/actuator/health/backtrack");
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        JsonNode downBody = JSON.readTree(down.body());
        assertThat(downBody.get("status").asText()).isEqualTo("DOWN");
        assertThat(downBody.at("/details/embeddedBroker/reason").asText()).isEqualTo("the embedded RocketMQ is stopped");
        assertThat(downBody.at("/details/nameServer/status").asText()).isEqualTo("DOWN");
        assertThat(downBody.at("/details/nameServer/reason").asText()).contains(nameServer);
    }

    private double measurement(String name, String... tags) throws Exception {
        StringBuilder query = new StringBuilder();
        for (String tag : tags) {
            query.append(query.isEmpty() ? "?" : "&").append("tag=").append(URLEncoder.encode(tag, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = get("/actuator/metrics/" + name + query);
        assertThat(response.statusCode()).as(name + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).at("/measurements/0/value").asDouble();
    }

    private static double statistic(HttpResponse<String> response, String statistic) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode measurement : JSON.readTree(response.body()).get("measurements")) {
            if (measurement.get("statistic").asText().equals(statistic)) {
                return measurement.get("value").asDouble();
            }
        }
        throw new AssertionError("no " + statistic + " in " + response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
