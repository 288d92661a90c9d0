package dev.backtrack.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.embedded.EmbeddedRocketMq;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.store.MessageStore;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The backtrack actuator endpoint of the running example, over real HTTP with real authentication. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // stops this class's embedded broker now rather than in a JVM shutdown hook
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BacktrackEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "test-topic3";
    private static final String OPERATOR = "operator:op-secret";

    @DynamicPropertySource
    static void embeddedBrokerOnFreePorts(DynamicPropertyRegistry registry) throws IOException {
        ExampleApp.embeddedBrokerOnFreePorts(registry, "mq-example-endpoint-");
    }

    @TestConfiguration
    static class Users {
        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("operator").password("{noop}op-secret").roles("BACKTRACK_ADMIN").build(),
                    User.withUsername("viewer").password("{noop}view-secret").roles("VIEWER").build());
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedRocketMq rocketMq;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Order(1) // its plans count every message of the topic: it runs before the replay test produces another
    void listsPlansRewindsAndRecordsOnlyForTheRightRole(CapturedOutput output) throws Exception {
        assertThat(get("/actuator/backtrack", null).statusCode()).as("anonymous").isEqualTo(401);
        assertThat(get("/actuator/backtrack", "viewer:view-secret").statusCode()).as("without the role").isEqualTo(403);
        assertThat(post("{\"binding\":\"input-backtracking\",\"to\":\"now\",\"dryRun\":false}", null).statusCode())
                .isEqualTo(401);

        HttpResponse<String> listing = get("/actuator/backtrack", "operator:op-secret");
        assertThat(listing.statusCode()).isEqualTo(200);
        JsonNode binding = JSON.readTree(listing.body()).get("bindings").get(0);
        assertThat(binding.get("binding").asText()).isEqualTo("input-backtracking");
        assertThat(binding.get("group").asText()).isEqualTo("backtracking-consumer-group");
        assertThat(binding.get("topic").asText()).isEqualTo("test-topic3");
        assertThat(binding.get("queues")).hasSize(4);

        assertThat(get("/produce", null).statusCode()).as("the seed's producer stays open").isEqualTo(200);
        assertThat(get("/produce", null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(output) >= 2);
        // the consumer commits its offsets to the broker every few seconds; plans read the broker's view
        await().atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(get("/actuator/backtrack",
                "operator:op-secret").body()).get("bindings").get(0).get("lag").asLong() == 0);
        long firstStoreTime = firstStoreTime();

        HttpResponse<String> dry = post("{\"binding\":\"input-backtracking\",\"to\":\"" + firstStoreTime + "\"}",
                "operator:op-secret");
        assertThat(dry.statusCode()).isEqualTo(200);
        JsonNode plan = JSON.readTree(dry.body());
        assertThat(plan.get("dryRun").asBoolean()).isTrue();
        assertThat(plan.get("messagesToReplay").asLong()).isEqualTo(2);
        assertThat(plan.get("plan").get("queues").get(0).has("targetStoreTimestamp")).isTrue();

        HttpResponse<String> wrongTime = post("{\"binding\":\"input-backtracking\",\"to\":\"yesterday-ish\"}",
                "operator:op-secret");
        assertThat(wrongTime.statusCode()).isEqualTo(400);
        assertThat(wrongTime.body()).contains("Time 'yesterday-ish'").contains("Accepted forms");
        HttpResponse<String> wrongBinding = post("{\"binding\":\"nope\",\"to\":\"now\"}", "operator:op-secret");
        assertThat(wrongBinding.statusCode()).isEqualTo(400);
        assertThat(wrongBinding.body()).contains("Binding 'nope' is not a RocketMQ consumer binding")
                .contains("input-backtracking");
        HttpResponse<String> wrongGroup = post("{\"group\":\"bad group!\",\"topic\":\"test-topic3\",\"to\":\"now\","
                + "\"dryRun\":false}", "operator:op-secret");
        assertThat(wrongGroup.statusCode()).isEqualTo(400);
        assertThat(wrongGroup.body()).contains("'bad group!' has characters RocketMQ rejects");
        HttpResponse<String> wrongTopic = post("{\"group\":\"backtracking-consumer-group\",\"topic\":\"no-such-topic\","
                + "\"to\":\"now\",\"dryRun\":false}", "operator:op-secret");
        assertThat(wrongTopic.statusCode()).isEqualTo(404);
        assertThat(wrongTopic.body()).contains("Topic 'no-such-topic' not found on name server");
        assertThat(count(output)).as("dry runs and refused requests move nothing").isEqualTo(2);

        HttpResponse<String> executed = post("{\"binding\":\"input-backtracking\",\"to\":\"" + firstStoreTime
                + "\",\"dryRun\":false,\"rate\":\"50/s\"}", "operator:op-secret");
        assertThat(executed.statusCode()).as(executed.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(executed.body());
        assertThat(result.get("path").asText()).as("the consumer runs here: rewound in place").isEqualTo("IN_PROCESS");
        assertThat(result.get("rate").asText()).isEqualTo("50/s");
        assertThat(result.get("warnings")).as("paced here, with the starter").isEmpty();
        await().atMost(Duration.ofSeconds(90)).until(() -> count(output) >= 4);

        HttpResponse<String> history = get("/actuator/backtrack/history", "operator:op-secret");
        assertThat(history.statusCode()).isEqualTo(200);
        JsonNode entries = JSON.readTree(history.body()).get("entries");
        JsonNode rewind = null;
        for (JsonNode entry : entries) {
            if (entry.get("kind").asText().equals("REWIND")) {
                rewind = entry;
            }
        }
        assertThat(rewind).isNotNull();
        assertThat(rewind.get("actor").asText()).isEqualTo("operator");
        assertThat(rewind.get("timestamp").asLong()).isEqualTo(firstStoreTime);
        assertThat(rewind.get("messagesToReplay").asLong()).isEqualTo(2);
        assertThat(rewind.get("requestedTime").asText()).isEqualTo(firstStoreTime + " at 50/s");
    }

    @Test
    @Order(2)
    void redrivesOnlyForTheRightRoleAndSaysWhatIsWrong() throws Exception {
        String redrive = "/actuator/backtrack/redrive";
        String binding = "{\"binding\":\"input-backtracking\"}";
        assertThat(postJson(redrive, binding, null).statusCode()).as("anonymous").isEqualTo(401);
        assertThat(postJson(redrive, binding, "viewer:view-secret").statusCode()).as("without the role")
                .isEqualTo(403);
        HttpResponse<String> noDeadLetters = postJson(redrive, binding, "operator:op-secret");
        assertThat(noDeadLetters.statusCode()).as(noDeadLetters.body()).isEqualTo(400);
        assertThat(noDeadLetters.body()).contains("Group 'backtracking-consumer-group' has no dead letters");
        HttpResponse<String> badKeys = postJson(redrive, "{\"binding\":\"input-backtracking\",\"keys\":\"a b\"}",
                "operator:op-secret");
        assertThat(badKeys.statusCode()).as(badKeys.body()).isEqualTo(400);
        assertThat(badKeys.body()).contains("Keys 'a b' are not accepted");
    }

    @Test
    @Order(3)
    void replaysAWindowOnlyForTheRightRoleOnceUnlessAskedAgain(CapturedOutput output) throws Exception {
        String window = "{\"binding\":\"input-backtracking\",\"from\":\"%d\",\"until\":\"%d\"%s}";
        assertThat(replay(String.format(window, 0, 1, ""), null).statusCode()).as("anonymous").isEqualTo(401);
        assertThat(replay(String.format(window, 0, 1, ""), "viewer:view-secret").statusCode()).as("without the role")
                .isEqualTo(403);

        long from = System.currentTimeMillis();
        int before = count(output);
        assertThat(get("/produce", null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(output) == before + 1);
        long until = System.currentTimeMillis() + 1;

        HttpResponse<String> dry = replay(String.format(window, from, until, ""), "operator:op-secret");
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        JsonNode plan = JSON.readTree(dry.body());
        assertThat(plan.get("dryRun").asBoolean()).isTrue();
        assertThat(plan.get("messagesToReplay").asLong()).isEqualTo(1);
        HttpResponse<String> emptyWindow = replay(String.format(window, until, from, ""), "operator:op-secret");
        assertThat(emptyWindow.statusCode()).isEqualTo(400);
        assertThat(emptyWindow.body()).contains("The window is empty");
        assertThat(count(output)).as("a dry run replays nothing").isEqualTo(before + 1);

        HttpResponse<String> replayed = replay(String.format(window, from, until, ",\"dryRun\":false"),
                "operator:op-secret");
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(JSON.readTree(replayed.body()).get("replayed").asLong()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(90)).until(() -> count(output) == before + 2);

        HttpResponse<String> twice = replay(String.format(window, from, until, ",\"dryRun\":false"),
                "operator:op-secret");
        assertThat(twice.statusCode()).as(twice.body()).isEqualTo(409);
        assertThat(twice.body()).contains("replayed to group backtracking-consumer-group already")
                .contains("\\\"again\\\": true");
        JsonNode entries = JSON.readTree(get("/actuator/backtrack/history", "operator:op-secret").body())
                .get("entries");
        JsonNode record = null;
        for (JsonNode entry : entries) {
            if (entry.get("kind").asText().equals("WINDOW_REPLAY")) {
                record = entry;
            }
        }
        assertThat(record).as(entries.toString()).isNotNull();
        assertThat(record.get("actor").asText()).isEqualTo("operator");
        assertThat(count(output)).as("the refused second replay delivered nothing").isEqualTo(before + 2);
    }

    @Test
    @Order(4)
    void undoIsOnlyForTheRightRoleNamesUnknownIdsAndRefusesARewindWhoseReplayIsOver() throws Exception {
        JsonNode entries = JSON.readTree(get("/actuator/backtrack/history", "operator:op-secret").body())
                .get("entries");
        String rewindId = null;
        for (JsonNode entry : entries) {
            assertThat(entry.get("id").asText()).as(entry.toString()).isNotBlank();
            if (entry.get("kind").asText().equals("REWIND")) {
                rewindId = entry.get("id").asText();
                assertThat(entry.get("path").asText()).isEqualTo("IN_PROCESS");
                assertThat(entry.get("undoneBy").isNull()).isTrue();
            }
        }
        assertThat(rewindId).as(entries.toString()).isNotNull();
        String body = "{\"id\":\"" + rewindId + "\",\"dryRun\":false}";
        assertThat(undo(body, null).statusCode()).as("anonymous").isEqualTo(401);
        assertThat(undo(body, "viewer:view-secret").statusCode()).as("without the role").isEqualTo(403);
        HttpResponse<String> unknown = undo("{\"id\":\"nosuchid\"}", "operator:op-secret");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("No journal entry has id 'nosuchid'");
        HttpResponse<String> over = undo(body, "operator:op-secret");
        assertThat(over.statusCode()).as(over.body()).isEqualTo(409);
        assertThat(over.body()).contains("nothing to put back");
    }

    private HttpResponse<String> undo(String body, String credentials) throws Exception {
        return postJson("/actuator/backtrack/undo", body, credentials);
    }

    private HttpResponse<String> replay(String body, String credentials) throws Exception {
        return postJson("/actuator/backtrack/replay", body, credentials);
    }

    @Test
    @Order(5)
    void snapshotExportImportAndABatchPlanAnswerJsonAndTheHistoryListsThem() throws Exception {
        String group = "endpoint-http-snapshot";
        try (RocketMqAdmin admin = new RocketMqAdmin(AdminSettings.of(rocketMq.nameServerAddress()))) {
            for (QueueAddress queue : admin.queues(TOPIC)) {
                admin.ensureGroup(queue.brokerAddress(), group);
                admin.writeOffset(queue.brokerAddress(), group, queue.queue(), 0);
            }
        }
        HttpResponse<String> snapshot = postJson("/actuator/backtrack/snapshot", "{\"group\":\"" + group
                + "\",\"name\":\"http-1\"}", OPERATOR);
        assertThat(snapshot.statusCode()).as(snapshot.body()).isEqualTo(200);
        String batch = JSON.readTree(snapshot.body()).get("batch").asText();

        HttpResponse<String> export = postJson("/actuator/backtrack/export", "{\"group\":\"" + group
                + "\",\"topics\":\"" + TOPIC + "\"}", OPERATOR);
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        String csv = JSON.readTree(export.body()).get("csv").asText();
        assertThat(csv).startsWith("topic,broker,queue,offset\n" + TOPIC + ",broker-a,0,0\n");

        ObjectNode importBody = JsonNodeFactory.instance.objectNode().put("group", group).put("csv", csv);
        HttpResponse<String> planned = postJson("/actuator/backtrack/import", importBody.toString(), OPERATOR);
        assertThat(planned.statusCode()).as(planned.body()).isEqualTo(200);
        assertThat(JSON.readTree(planned.body()).get("dryRun").asBoolean()).isTrue();

        HttpResponse<String> batchPlan = post("{\"topic\":\"" + TOPIC + "\",\"allGroups\":true,\"shiftBy\":\"-1\","
                + "\"skipRefused\":true}", OPERATOR);
        assertThat(batchPlan.statusCode()).as(batchPlan.body()).isEqualTo(200);
        JsonNode plan = JSON.readTree(batchPlan.body());
        assertThat(plan.get("dryRun").asBoolean()).isTrue();
        assertThat(plan.get("groups").toString()).contains("\"" + group + "\"");
        assertThat(plan.get("plans").get(0).get("plan").get("queues")).isNotEmpty();

        HttpResponse<String> history = get("/actuator/backtrack/history", OPERATOR);
        assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
        List<String> kinds = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(history.body()).get("entries")) {
            if (group.equals(entry.path("group").asText())) {
                String name = entry.path("name").isTextual() ? entry.get("name").asText() : "-";
                kinds.add(entry.get("kind").asText() + " " + name + " " + entry.get("actor").asText() + " "
                        + batch.equals(entry.path("batch").asText()));
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder("SNAPSHOT http-1 operator true", "EXPORT - operator false");
    }

    @Test
    @Order(6)
    void aSnapshotOfTheRunningGroupIsRestoredInPlaceAndItsConsumerReceivesAgainWhatCameSince(CapturedOutput output)
            throws Exception {
        String group = "backtracking-consumer-group";
        await().atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(get("/actuator/backtrack",
                OPERATOR).body()).get("bindings").get(0).get("lag").asLong() == 0);
        HttpResponse<String> snapshot = postJson("/actuator/backtrack/snapshot", "{\"group\":\"" + group
                + "\",\"topics\":\"" + TOPIC + "\",\"name\":\"before-two\"}", OPERATOR);
        assertThat(snapshot.statusCode()).as(snapshot.body()).isEqualTo(200);

        int before = count(output);
        assertThat(get("/produce", null).statusCode()).isEqualTo(200);
        assertThat(get("/produce", null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(output) == before + 2);
        await("the two committed").atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(get(
                "/actuator/backtrack", OPERATOR).body()).get("bindings").get(0).get("lag").asLong() == 0);

        HttpResponse<String> dry = postJson("/actuator/backtrack/restore", "{\"id\":\"before-two\",\"group\":\""
                + group + "\"}", OPERATOR);
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        assertThat(JSON.readTree(dry.body()).get("messagesToReplay").asLong()).isEqualTo(2);
        HttpResponse<String> restored = postJson("/actuator/backtrack/restore", "{\"id\":\"before-two\",\"group\":\""
                + group + "\",\"dryRun\":false}", OPERATOR);
        assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
        JsonNode topic = JSON.readTree(restored.body()).get("topics").get(0);
        assertThat(topic.get("path").asText()).as("the consumer runs here: restored in place").isEqualTo("IN_PROCESS");
        await("the two messages since the snapshot, again").atMost(Duration.ofSeconds(90))
                .until(() -> count(output) >= before + 4);
        await("nothing more").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> count(output) == before + 4);
    }

    private HttpResponse<String> postJson(String path, String body, String credentials) throws Exception {
        return http.send(request(path, credentials).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long firstStoreTime() throws Exception {
        MessageStore store = rocketMq.brokers().get(0).controller().getMessageStore();
        long first = Long.MAX_VALUE;
        for (int queueId = 0; queueId < 4; queueId++) {
            if (store.getMaxOffsetInQueue("test-topic3", queueId) > 0) {
                first = Math.min(first, store.getMessageStoreTimeStamp("test-topic3", queueId, 0));
            }
        }
        return first;
    }

    private HttpResponse<String> get(String path, String credentials) throws Exception {
        return http.send(request(path, credentials).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body, String credentials) throws Exception {
        return http.send(request("/actuator/backtrack", credentials)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String credentials) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mq-example" + path));
        if (credentials != null) {
            builder.header("Authorization", ExampleApp.basic(credentials));
        }
        return builder;
    }

    private static int count(CapturedOutput output) {
        return ExampleApp.ordersReceived(output.getOut());
    }
}
