package dev.backtrack.console.api;

import static dev.backtrack.console.ApiAnswers.assertBad;
import static dev.backtrack.console.ApiAnswers.assertRefused;
import static dev.backtrack.console.ApiAnswers.ok;
import static dev.backtrack.console.ConsoleClient.object;
import static dev.backtrack.console.ConsoleOnlyApp.ADMIN;
import static dev.backtrack.console.ConsoleOnlyApp.ADMIN_PASSWORD;
import static dev.backtrack.console.ConsoleOnlyApp.VIEWER;
import static dev.backtrack.console.ConsoleOnlyApp.VIEWER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.console.ConsoleClient;
import dev.backtrack.console.ConsoleOnlyApp;
import dev.backtrack.console.TestTopics;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Many groups at once and positions kept, over real HTTP on the embedded broker: a topic's groups side by side,
 * planned and moved together after the topic's name was typed, every queue read back and recorded with the user
 * under one batch id, and undone as one; a batch with a refused group moves nothing unless refused groups are
 * skipped; a snapshot kept, the group moved on, and its restore bringing the offsets back; wrong values said with
 * what is accepted; a viewer may look but not move or keep.
 */
@SpringBootTest(classes = ConsoleOnlyApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBatchApiTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void console(DynamicPropertyRegistry registry) {
        ConsoleOnlyApp.consoleWithOperatorAndViewer(registry, MQ, () -> "batch-journal-" + TestTopics.shortId());
    }

    private final TestTopics topics = new TestTopics(MQ);
    private final RocketMqAdmin admin = topics.admin();

    @LocalServerPort
    int port;

    @Test
    void aTopicsGroupsArePlannedMovedTogetherRecordedWithTheUserAndUndoneAsOne() throws Exception {
        String topic = topicWithMessages("batch-", 6);
        List<String> groups = List.of("batch-a-" + TestTopics.shortId(), "batch-b-" + TestTopics.shortId(),
                "batch-c-" + TestTopics.shortId()).stream().sorted().toList();
        groups.forEach(group -> topics.commitEverything(group, topic));
        Map<String, Long> end = Map.of("broker-a/0", 3L, "broker-a/1", 3L);
        ConsoleClient operator = ConsoleClient.loggedIn(base(), ADMIN, ADMIN_PASSWORD);

        JsonNode side = ok(operator.get("/api/batch/groups?topic=" + topic));
        assertThat(side.get("groups").findValuesAsText("group")).containsExactlyElementsOf(groups);
        assertThat(side.get("groups")).allSatisfy(g -> {
            assertThat(g.get("lag").asLong()).isZero();
            assertThat(g.get("queues").findValuesAsText("committedOffset")).containsOnly("3");
        });

        String batch = object("scope", "allGroups", "topic", topic, "toOffset", "1");
        JsonNode plan = ok(operator.post("/api/batch/plan", batch));
        assertThat(plan.get("confirmWith").asText()).isEqualTo(topic);
        assertThat(plan.get("pairs").findValuesAsText("group")).containsExactlyElementsOf(groups);
        assertThat(plan.get("pairs")).allSatisfy(p -> {
            assertThat(p.get("messagesToReplay").asLong()).isEqualTo(4);
            assertThat(p.get("queues").findValuesAsText("targetOffset")).containsOnly("1");
        });
        assertThat(plan.get("refused")).isEmpty();
        assertThat(plan.get("queues").asInt()).isEqualTo(6);
        assertBad(operator.post("/api/batch/rewind", object("scope", "allGroups", "topic", topic, "toOffset", "1",
                "confirm", groups.get(0))), "does not match", "the topic's name, '" + topic + "'");
        groups.forEach(group -> assertThat(topics.committed(group, topic)).as("nothing moved").isEqualTo(end));

        JsonNode done = ok(operator.post("/api/batch/rewind", object("scope", "allGroups", "topic", topic,
                "toOffset", "1", "confirm", topic)));

        String id = done.get("batch").asText();
        assertThat(done.get("pairs")).hasSize(3).allSatisfy(p -> {
            assertThat(p.get("status").asText()).isEqualTo("MOVED");
            assertThat(p.get("queues").findValuesAsText("readBack")).containsOnly("1");
        });
        Map<String, Long> target = Map.of("broker-a/0", 1L, "broker-a/1", 1L);
        groups.forEach(group -> assertThat(topics.committed(group, topic)).isEqualTo(target));
        JsonNode history = ok(operator.get("/api/history?topic=" + topic));
        assertThat(history).hasSize(3).allSatisfy(row -> {
            assertThat(row.get("kind").asText()).isEqualTo("REWIND");
            assertThat(row.get("batch").asText()).isEqualTo(id);
            assertThat(row.get("actor").asText()).isEqualTo(ADMIN);
        });

        assertBad(operator.post("/api/batch/undo/" + id, object("confirm", "x")), "does not match", topic);
        JsonNode undone = ok(operator.post("/api/batch/undo/" + id, object("confirm", topic)));
        assertThat(undone.get("pairs")).hasSize(3)
                .allSatisfy(p -> assertThat(p.get("status").asText()).isEqualTo("MOVED"));
        groups.forEach(group -> assertThat(topics.committed(group, topic)).isEqualTo(end));
        assertThat(ok(operator.get("/api/history?topic=" + topic))).filteredOn(r -> r.get("kind").asText()
                .equals("UNDO")).hasSize(3).allSatisfy(r -> assertThat(r.get("actor").asText()).isEqualTo(ADMIN));
    }

    @Test
    void aBatchWithABroadcastingGroupMovesNothingAndSkippingRefusedGroupsMovesTheOthers() throws Exception {
        String topic = topicWithMessages("batch-refused-", 4);
        List<String> clustering = List.of("batch-r-a-" + TestTopics.shortId(), "batch-r-b-" + TestTopics.shortId());
        clustering.forEach(group -> topics.commitEverything(group, topic));
        Map<String, Long> end = Map.of("broker-a/0", 2L, "broker-a/1", 2L);
        String broadcasting = "batch-r-broadcast-" + TestTopics.shortId();
        ConsoleClient operator = ConsoleClient.loggedIn(base(), ADMIN, ADMIN_PASSWORD);
        try (RecordingConsumer ignored = RecordingConsumer.on(MQ.nameServerAddress(), broadcasting, topic)
                .configure(c -> c.setMessageModel(MessageModel.BROADCASTING)).start()) {
            await("the broker reports the group's consumers as broadcasting").atMost(PATIENCE)
                    .until(() -> admin.onlineMessageModel(broadcasting) == MessageModel.BROADCASTING);

            HttpResponse<String> refused = operator.post("/api/batch/rewind", object("scope", "allGroups", "topic",
                    topic, "toOffset", "0", "confirm", topic));
            assertRefused(refused, 409, "group '" + broadcasting + "' on topic '" + topic + "'",
                    "Nothing was changed");
            assertThat(ConsoleClient.json(refused).get("refused").findValuesAsText("group"))
                    .containsExactly(broadcasting);
            clustering.forEach(group -> assertThat(topics.committed(group, topic)).isEqualTo(end));

            JsonNode plan = ok(operator.post("/api/batch/plan", object("scope", "allGroups", "topic", topic,
                    "toOffset", "0", "skipRefused", "true")));
            assertThat(plan.get("refused").findValuesAsText("refusal")).containsExactly("BROADCASTING_GROUP");
            JsonNode done = ok(operator.post("/api/batch/rewind", object("scope", "allGroups", "topic", topic,
                    "toOffset", "0", "skipRefused", "true", "confirm", topic)));

            assertThat(done.get("pairs").findValuesAsText("group")).containsExactlyInAnyOrderElementsOf(clustering);
            assertThat(done.get("refused").findValuesAsText("group")).containsExactly(broadcasting);
            clustering.forEach(group -> assertThat(topics.committed(group, topic))
                    .isEqualTo(Map.of("broker-a/0", 0L, "broker-a/1", 0L)));
        }
    }

    @Test
    void aSnapshotKeptThenRestoredBringsTheOffsetsBack() throws Exception {
        String topic = topicWithMessages("snap-", 4);
        String group = "snap-g-" + TestTopics.shortId();
        topics.commitEverything(group, topic);
        Map<String, Long> kept = Map.of("broker-a/0", 2L, "broker-a/1", 2L);
        ConsoleClient operator = ConsoleClient.loggedIn(base(), ADMIN, ADMIN_PASSWORD);

        JsonNode snapshot = ok(operator.post("/api/snapshots", object("group", group, "name", "before-deploy")));
        assertThat(snapshot.get("topics").findValuesAsText("topics")).isEmpty();
        assertThat(snapshot.get("topics").get(0).asText()).isEqualTo(topic);
        assertThat(snapshot.get("actor").asText()).isEqualTo(ADMIN);
        String id = snapshot.get("id").asText();
        topics.produce(topic, List.of("later-0", "later-1", "later-2", "later-3"));
        topics.commitEverything(group, topic);
        assertThat(topics.committed(group, topic)).isEqualTo(Map.of("broker-a/0", 4L, "broker-a/1", 4L));

        JsonNode listed = ok(operator.get("/api/snapshots?group=" + group));
        assertThat(listed).singleElement().satisfies(s -> {
            assertThat(s.get("name").asText()).isEqualTo("before-deploy");
            assertThat(s.get("id").asText()).isEqualTo(id);
            assertThat(s.get("queues").asInt()).isEqualTo(2);
        });
        JsonNode plan = ok(operator.post("/api/snapshots/before-deploy/plan", object("group", group)));
        assertThat(plan.get("confirmWith").asText()).isEqualTo(group);
        assertThat(plan.get("messagesToReplay").asLong()).isEqualTo(4);
        assertThat(plan.get("topics").get(0).get("queues").findValuesAsText("targetOffset")).containsOnly("2");
        assertBad(operator.post("/api/snapshots/" + id + "/restore", object("confirm", topic)), "does not match",
                "the group's name, '" + group + "'");
        assertThat(topics.committed(group, topic)).as("nothing moved").isEqualTo(Map.of("broker-a/0", 4L,
                "broker-a/1", 4L));

        JsonNode restored = ok(operator.post("/api/snapshots/" + id + "/restore", object("confirm", group)));

        assertThat(restored.get("topics").get(0).get("queues").findValuesAsText("readBack")).containsOnly("2");
        assertThat(topics.committed(group, topic)).isEqualTo(kept);
        JsonNode history = ok(operator.get("/api/history?group=" + group));
        assertThat(history).filteredOn(r -> r.get("kind").asText().equals("REWIND")).singleElement()
                .satisfies(r -> {
                    assertThat(r.get("batch").asText()).isEqualTo(restored.get("batch").asText());
                    assertThat(r.get("requested").asText()).contains("before-deploy");
                    assertThat(r.get("actor").asText()).isEqualTo(ADMIN);
                });
        assertThat(history).filteredOn(r -> r.get("kind").asText().equals("SNAPSHOT")).singleElement()
                .satisfies(r -> assertThat(r.get("name").asText()).isEqualTo("before-deploy"));
    }

    @Test
    void anExportedFileImportedPutsTheGroupBackAndIsRecorded() throws Exception {
        String topic = topicWithMessages("csv-", 4);
        String group = "csv-g-" + TestTopics.shortId();
        topics.commitEverything(group, topic);
        ConsoleClient operator = ConsoleClient.loggedIn(base(), ADMIN, ADMIN_PASSWORD);

        HttpResponse<String> exported = operator.post("/api/snapshots/export", object("group", group));
        assertThat(exported.statusCode()).as(exported.body()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/csv"));
        assertThat(exported.body()).isEqualTo("topic,broker,queue,offset\n" + topic + ",broker-a,0,2\n" + topic
                + ",broker-a,1,2\n");
        assertThat(ok(operator.get("/api/snapshots?group=" + group))).singleElement()
                .satisfies(s -> assertThat(s.get("kind").asText()).isEqualTo("EXPORT"));
        topics.produce(topic, List.of("later-0", "later-1"));
        topics.commitEverything(group, topic);

        JsonNode plan = ok(operator.post("/api/snapshots/import/plan", object("group", group, "csv",
                exported.body())));
        assertThat(plan.get("messagesToReplay").asLong()).isEqualTo(2);
        assertBad(operator.post("/api/snapshots/import/plan", object("group", group, "csv", "topic,queue\nx")),
                "header", "accepted");
        assertBad(operator.post("/api/snapshots/import", object("group", group, "csv", exported.body(),
                "confirm", topic)), "does not match", group);
        JsonNode imported = ok(operator.post("/api/snapshots/import", object("group", group, "csv",
                exported.body(), "confirm", group)));

        assertThat(imported.get("topics").get(0).get("queues").findValuesAsText("readBack")).containsOnly("2");
        assertThat(topics.committed(group, topic)).isEqualTo(Map.of("broker-a/0", 2L, "broker-a/1", 2L));
        assertThat(ok(operator.get("/api/history?group=" + group))).filteredOn(r -> r.get("kind").asText()
                .equals("REWIND")).singleElement().satisfies(r -> assertThat(r.get("actor").asText()).isEqualTo(ADMIN));
    }

    @Test
    void wrongValuesAreSaidWithWhatIsAcceptedAndAViewerMayNotMoveOrKeep() throws Exception {
        String topic = topicWithMessages("batch-bad-", 2);
        String group = "batch-bad-g-" + TestTopics.shortId();
        topics.commitEverything(group, topic);
        ConsoleClient operator = ConsoleClient.loggedIn(base(), ADMIN, ADMIN_PASSWORD);

        assertBad(operator.post("/api/batch/plan", object("scope", "everything", "topic", topic, "to", "-1h")),
                "'scope' is 'everything'", "\"allGroups\"");
        assertBad(operator.post("/api/batch/plan", object("scope", "allGroups", "to", "-1h")), "'topic' is missing",
                "a topic name");
        assertBad(operator.post("/api/batch/plan", object("scope", "allTopics", "topic", topic, "to", "-1h")),
                "'group' is missing", "a consumer group name");
        assertBad(operator.post("/api/batch/plan", object("topic", topic, "to", "yesterday-ish")), "not a time",
                "accepted");
        assertBad(operator.post("/api/batch/plan", object("topic", topic, "to", "-1h", "skipRefused", "maybe")),
                "'skipRefused'", "accepted");
        String empty = topics.create("batch-empty-");
        assertBad(operator.post("/api/batch/plan", object("topic", empty, "to", "-1h")), "has no consumer group",
                "name the group");
        HttpResponse<String> unknown = operator.post("/api/batch/plan", object("topic", "no-such-" + TestTopics
                .shortId(), "to", "-1h"));
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertRefused(operator.post("/api/batch/undo/no-such-batch", object("confirm", topic)), 404,
                "no-such-batch", "accepted");
        assertBad(operator.post("/api/snapshots", object("group", group, "name", "no spaces")), "no spaces",
                "accepted");
        assertBad(operator.post("/api/snapshots", object("group", "never-consumed-" + TestTopics.shortId())),
                "holds no committed offset", "Accepted");
        assertRefused(operator.post("/api/snapshots/no-such-snapshot/plan", object("group", group)), 404,
                "no-such-snapshot", "accepted");

        ConsoleClient viewer = ConsoleClient.loggedIn(base(), VIEWER, VIEWER_PASSWORD);
        ok(viewer.post("/api/batch/plan", object("topic", topic, "to", "-1h")));
        ok(viewer.get("/api/batch/groups?topic=" + topic));
        ok(viewer.get("/api/snapshots?group=" + group));
        for (String path : List.of("/api/batch/rewind", "/api/batch/undo/x", "/api/snapshots",
                "/api/snapshots/x/restore", "/api/snapshots/export", "/api/snapshots/import")) {
            assertRefused(viewer.post(path, object("topic", topic, "group", group, "to", "-1h", "confirm", topic)),
                    403, "may not do this", "BACKTRACK_ADMIN");
        }
        assertThat(topics.committed(group, topic)).isEqualTo(Map.of("broker-a/0", 1L, "broker-a/1", 1L));
        assertThat(ok(operator.get("/api/snapshots?group=" + group))).isEmpty();
    }

    private String base() {
        return "http://localhost:" + port + "/backtrack-console";
    }

    /** A new topic with two queues and {@code count} messages on them. */
    private String topicWithMessages(String prefix, int count) throws Exception {
        String topic = topics.create(prefix);
        List<String> bodies = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> bodies.add("m-" + i));
        topics.produce(topic, bodies);
        return topic;
    }
}
