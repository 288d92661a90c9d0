package dev.backtrack.console.api;

import static dev.backtrack.console.ApiAnswers.assertBad;
import static dev.backtrack.console.ApiAnswers.ok;
import static dev.backtrack.console.ConsoleClient.json;
import static dev.backtrack.console.ConsoleClient.object;
import static dev.backtrack.console.ConsoleOnlyApp.ADMIN;
import static dev.backtrack.console.ConsoleOnlyApp.ADMIN_PASSWORD;
import static dev.backtrack.console.ConsoleOnlyApp.VIEWER;
import static dev.backtrack.console.ConsoleOnlyApp.VIEWER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.console.ConsoleClient;
import dev.backtrack.console.ConsoleOnlyApp;
import dev.backtrack.console.TestTopics;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code POST /api/replay} over real HTTP on the embedded broker: the dry run's numbers (tags of the group online
 * filter), a confirmed replay that a plain RocketMQ consumer receives again, the second replay refused unless asked
 * again, the replays in the history with the user and their runs, wrong values (times, flags, rate, canary, failure
 * threshold) answered 400 with what is accepted, and a viewer refused. Canary, pause and resume:
 * {@link ConsoleRunsApiTest}.
 */
@SpringBootTest(classes = ConsoleOnlyApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleReplayApiTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void console(DynamicPropertyRegistry registry) {
        ConsoleOnlyApp.consoleWithOperatorAndViewer(registry, MQ, () -> "replay-journal-" + TestTopics.shortId());
    }

    private final TestTopics topics = new TestTopics(MQ);

    @LocalServerPort
    int port;

    @Test
    void aDryRunThenAConfirmedReplayThatTheConsumerReceivesThenASecondOnlyWhenAskedAgain() throws Exception {
        String topic = topics.create("console-replay-");
        String group = "g-replay-" + TestTopics.shortId();
        ConsoleClient operator = ConsoleClient.loggedIn(base(), ADMIN, ADMIN_PASSWORD);
        topics.createRetryTopic(group);
        JsonNode done;
        JsonNode again;
        try (RecordingConsumer consumer = RecordingConsumer.on(MQ.nameServerAddress(), group, topic).tags("a")
                .start()) {
            List<Long> times = new ArrayList<>(topics.produce(topic, List.of("a-0", "a-1"), "a"));
            times.addAll(topics.produce(topic, List.of("b-0"), "b"));
            times.addAll(topics.produce(topic, List.of("a-2"), "a"));
            consumer.awaitLabels(Set.of("a-0", "a-1", "a-2"), PATIENCE);
            String from = Long.toString(times.stream().mapToLong(Long::longValue).min().orElseThrow());
            String until = Long.toString(times.stream().mapToLong(Long::longValue).max().orElseThrow() + 1);

            JsonNode plan = ok(operator.post("/api/replay", object("group", group, "topic", topic, "from", from,
                    "until", until)));
            assertThat(plan.get("dryRun").asBoolean()).isTrue();
            assertThat(plan.get("messagesInWindow").asLong()).isEqualTo(4);
            assertThat(plan.get("messagesToReplay").asLong()).isEqualTo(3);
            assertThat(plan.get("filteredOut").asLong()).isEqualTo(1);
            assertThat(plan.get("tags").asText()).isEqualTo("a");
            assertThat(plan.get("tagsFromSubscription").asBoolean()).isTrue();
            assertThat(plan.get("historyGone")).isEmpty();
            assertThat(plan.get("queues")).hasSize(2);
            assertThat(plan.get("queues").findValuesAsText("messagesInWindow")).containsExactlyInAnyOrder("3", "1");
            assertThat(plan.get("replayed").isNull()).isTrue();
            assertThat(plan.get("replayedBefore").isNull()).isTrue();
            assertThat(plan.get("runId").isNull()).as("a dry run is no run").isTrue();
            assertThat(plan.get("state").isNull()).isTrue();

            HttpResponse<String> unconfirmed = operator.post("/api/replay", object("group", group, "topic", topic,
                    "from", from, "until", until, "dryRun", false, "confirm", group + "x"));
            assertBad(unconfirmed, "does not match", "accepted: the group's name, '" + group + "'");

            done = ok(operator.post("/api/replay", object("group", group, "topic", topic, "from", from,
                    "until", until, "dryRun", false, "confirm", group)));
            assertThat(done.get("dryRun").asBoolean()).isFalse();
            assertThat(done.get("replayed").asLong()).isEqualTo(3);
            assertThat(done.get("retryTopic").asText()).isEqualTo("%RETRY%" + group);
            assertThat(done.get("warnings")).isEmpty();
            assertThat(done.get("state").asText()).isEqualTo("FINISHED");
            assertThat(done.get("runId").asText()).isNotBlank();
            assertThat(done.get("canary").isNull()).as("none asked").isTrue();
            assertThat(done.get("error").isNull()).isTrue();
            consumer.await(() -> consumer.deliveries("a-0") >= 2 && consumer.deliveries("a-1") >= 2
                    && consumer.deliveries("a-2") >= 2, PATIENCE, "the window's tag-a messages once more");
            assertThat(consumer.labels()).as("the message its tags filter out is never delivered")
                    .containsExactlyInAnyOrder("a-0", "a-1", "a-2");

            HttpResponse<String> twice = operator.post("/api/replay", object("group", group, "topic", topic,
                    "from", from, "until", until, "dryRun", "false", "confirm", group));
            assertThat(twice.statusCode()).as(twice.body()).isEqualTo(409);
            assertThat(json(twice).get("error").asText()).contains("replayed to group " + group + " already")
                    .contains("by " + ADMIN).contains("tick 'Replay again' (\"again\": true)");
            JsonNode preview = ok(operator.post("/api/replay", object("group", group, "topic", topic, "from", from,
                    "until", until)));
            assertThat(preview.get("replayedBefore").asText()).contains("replayed to group " + group + " already");

            again = ok(operator.post("/api/replay", object("group", group, "topic", topic, "from", from,
                    "until", until, "dryRun", false, "again", true, "confirm", group)));
            assertThat(again.get("replayed").asLong()).isEqualTo(3);
            consumer.await(() -> consumer.deliveries("a-0") >= 3 && consumer.deliveries("a-1") >= 3
                    && consumer.deliveries("a-2") >= 3, PATIENCE, "the window a third time");
        }
        // Offline now: its subscription cannot be read, and the refusal names the field to give instead.
        Awaitility.await("the group offline").atMost(PATIENCE).untilAsserted(() -> assertBad(operator.post(
                "/api/replay", object("group", group, "topic", topic, "from", "-1h", "until", "now")),
                "has no consumer online", "give the field 'tags' ('*' for every message"));
        JsonNode offline = ok(operator.post("/api/replay", object("group", group, "topic", topic, "from", "-1h",
                "until", "now", "tags", "a")));
        assertThat(offline.get("tagsFromSubscription").asBoolean()).isFalse();
        JsonNode history = json(operator.get("/api/history?group=" + group + "&topic=" + topic));
        assertThat(history.findValuesAsText("kind")).as("each replay a run: started, then finished")
                .containsExactly("WINDOW_REPLAY", "WINDOW_REPLAY", "WINDOW_REPLAY", "WINDOW_REPLAY");
        assertThat(history.findValues("run")).extracting(run -> run.get("state").asText())
                .containsExactly("FINISHED", "STARTED", "FINISHED", "STARTED");
        assertThat(history.findValues("run")).extracting(run -> run.get("id").asText())
                .containsExactly(again.get("runId").asText(), again.get("runId").asText(), done.get("runId").asText(),
                        done.get("runId").asText());
        assertThat(history.findValuesAsText("actor")).containsOnly(ADMIN);
    }

    @Test
    void wrongValuesAre400SayingWhatIsAcceptedAndAViewerMayNotReplay() throws Exception {
        String topic = topics.create("console-replay-bad-");
        String group = "g-replay-bad-" + TestTopics.shortId();
        ConsoleClient operator = ConsoleClient.loggedIn(base(), ADMIN, ADMIN_PASSWORD);
        assertBad(operator.post("/api/replay", object("group", group, "topic", topic, "from", "soon-ish",
                "until", "now")), "'from' is 'soon-ish', which is not a time", "accepted: yyyyMMddHHmmss");
        assertBad(operator.post("/api/replay", object("group", group, "topic", topic, "until", "now")),
                "'from' is missing", "accepted: yyyyMMddHHmmss");
        assertBad(operator.post("/api/replay", object("group", group, "topic", topic, "from", "-1h")),
                "'until' is missing", "accepted: yyyyMMddHHmmss");
        assertBad(operator.post("/api/replay", object("group", group, "topic", topic, "from", "now",
                "until", "-1h")), "is not after 'from'", "accepted: a window whose end is after its start");
        assertBad(operator.post("/api/replay", object("group", group, "topic", topic, "from", "-1h",
                "until", "now", "again", "maybe")), "'again' is 'maybe'",
                "accepted: false (the default: refuse messages replayed to the group before) or true (replay them");
        assertBad(operator.post("/api/replay", object("group", group, "topic", topic, "from", "-1h",
                "until", "now", "dryRun", "perhaps")), "'dryRun' is 'perhaps'",
                "accepted: true (the default: only show the plan) or false (replay the window)");
        assertBad(operator.post("/api/replay", object("group", group, "topic", topic, "from", "-1h",
                "until", "now", "dryRun", "false")), "Confirmation '' does not match", "accepted: the group's name");
        assertBad(operator.post("/api/replay", object("group", group, "topic", topic, "from", "-1h",
                "until", "now", "rate", "fast")), "Rate 'fast' is not accepted",
                "accepted: a number of messages above 0 per second");
        for (String canary : List.of("-1", "abc")) {
            assertBad(operator.post("/api/replay", object("group", group, "topic", topic, "from", "-1h",
                    "until", "now", "canary", canary)), "Canary '" + canary + "' is not accepted",
                    "accepted: a whole number of messages from 1 to 10000");
        }
        for (String threshold : List.of("0", "101%")) {
            assertBad(operator.post("/api/replay", object("group", group, "topic", topic, "from", "-1h",
                    "until", "now", "pauseAbove", threshold)), "Failure threshold '" + threshold + "' is not accepted",
                    "accepted: a share of the messages sent in the last minute, above 0 and at most 100, as N or N% "
                            + "(e.g. 5 or 2.5%)");
        }
        topics.produce(topic, List.of("x"));
        topics.commitEverything(group, topic); // known to the brokers, and offline
        assertBad(operator.post("/api/replay", object("group", group, "topic", topic, "from", "-1h",
                "until", "now", "tags", "*", "canary", "2", "dryRun", false, "confirm", group)),
                "A canary needs group '" + group + "' online", "or send without --canary. Nothing was sent.");
        assertBad(operator.post("/api/replay", object("group", "bad group!", "topic", topic, "from", "-1h",
                "until", "now")), "group name 'bad group!'", "accepted");
        HttpResponse<String> unknown = operator.post("/api/replay", object("group", group, "topic",
                "no-such-" + topic, "from", "-1h", "until", "now", "tags", "*"));
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).contains("no-such-" + topic);

        ConsoleClient viewer = ConsoleClient.loggedIn(base(), VIEWER, VIEWER_PASSWORD);
        HttpResponse<String> refused = viewer.post("/api/replay", object("group", group, "topic", topic,
                "from", "-1h", "until", "now", "tags", "*"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(json(refused).get("error").asText()).contains("'" + VIEWER + "'").contains("BACKTRACK_ADMIN");
    }

    private String base() {
        return "http://localhost:" + port + "/backtrack-console";
    }
}
