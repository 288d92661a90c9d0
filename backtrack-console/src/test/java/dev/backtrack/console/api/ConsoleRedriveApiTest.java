package dev.backtrack.console.api;

import static dev.backtrack.console.ApiAnswers.assertBad;
import static dev.backtrack.console.ApiAnswers.ok;
import static dev.backtrack.console.ConsoleClient.encode;
import static dev.backtrack.console.ConsoleClient.json;
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
import dev.backtrack.core.DeadLetterMaker;
import dev.backtrack.core.redrive.DeadLetterOrders;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code POST /api/redrive} over real HTTP on the embedded broker, with a ledger of the ids a plain producer sent: a
 * group sends three of six orders straight to its dead-letter topic; the timeline and the peek of that topic show
 * them; the dry run counts them and sends nothing; the confirmed redrive delivers exactly those three once each to
 * the fixed group (its first one alone, a canary the group consumes); a second is refused (409) unless asked again;
 * each redrive is a run in the history; selections, wrong values (400 with what is accepted), and only an
 * administrator may redrive.
 */
@SpringBootTest(classes = ConsoleOnlyApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleRedriveApiTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final int SENT = 6;

    @DynamicPropertySource
    static void console(DynamicPropertyRegistry registry) {
        ConsoleOnlyApp.consoleWithOperatorAndViewer(registry, MQ, () -> "redrive-journal-" + TestTopics.shortId());
    }

    private final TestTopics topics = new TestTopics(MQ);

    @LocalServerPort
    int port;

    private String topic;
    private String group;
    private String deadLetterTopic;
    private List<String> ids;
    private Set<String> dead;

    @BeforeEach
    void makeDeadLetters() throws Exception {
        String id = TestTopics.shortId();
        topic = "console-redrive-" + id;
        group = "g-redrive-" + id;
        deadLetterTopic = MixAll.getDLQTopic(group);
        ids = DeadLetterOrders.send(MQ, topic, SENT, i -> i % 3 == 0);
        dead = Set.of(ids.get(0), ids.get(2), ids.get(4)); // the paid ones: order-0 (eu), order-2, order-4
        DeadLetterMaker.deadLetter(topics.admin(), group, topic, ids, dead);
    }

    @Test
    void aDryRunSendsNothingThenTheDeadLettersGoBackOnceEachAndASecondRedriveIsRefusedUnlessAgain()
            throws Exception {
        ConsoleClient operator = ConsoleClient.loggedIn(base(), ADMIN, ADMIN_PASSWORD);
        JsonNode timeline = ok(operator.get("/api/timeline?topic=" + encode(deadLetterTopic) + "&range=1h"));
        assertThat(timeline.get("total").asLong()).as("the dead letters by time").isEqualTo(3);
        JsonNode peeked = ok(operator.get("/api/peek?topic=" + encode(deadLetterTopic) + "&at=0&limit=20"));
        String runId;
        assertThat(peeked.findValuesAsText("msgId")).containsExactlyInAnyOrderElementsOf(dead);
        assertThat(peeked.findValuesAsText("tags")).containsOnly("paid");

        try (RecordingConsumer fixed = RecordingConsumer.on(MQ.nameServerAddress(), group, topic)
                .labelledBy(RecordingConsumer.MESSAGE_ID).start()) {
            await().atMost(PATIENCE).until(() -> topics.admin().isOnline(group));

            JsonNode plan = ok(operator.post("/api/redrive", object("group", group)));
            assertThat(plan.get("dryRun").asBoolean()).isTrue();
            assertThat(plan.get("deadLetterTopic").asText()).isEqualTo(deadLetterTopic);
            assertThat(plan.get("from").asLong()).as("from the oldest kept").isZero();
            assertThat(plan.get("selection").asText()).isEqualTo("tags *");
            assertThat(plan.get("deadLettersInWindow").asLong()).isEqualTo(3);
            assertThat(plan.get("deadLettersToSend").asLong()).isEqualTo(3);
            assertThat(plan.get("leftOut").asLong()).isZero();
            assertThat(plan.get("byTopicAndTag").toString()).isEqualTo("{\"" + topic + "\":{\"paid\":3}}");
            assertThat(plan.get("first").findValuesAsText("msgId")).containsExactlyInAnyOrderElementsOf(dead);
            assertThat(plan.get("first").findValuesAsText("originalTopic")).containsOnly(topic);
            assertThat(plan.get("first").findValuesAsText("failures")).containsOnly("1");
            assertThat(plan.get("first").findValuesAsText("keys")).containsExactlyInAnyOrder("order-0", "order-2",
                    "order-4");
            assertThat(plan.get("first").findValuesAsText("body")).contains("order 2");
            assertThat(plan.get("redrivenBefore").isNull()).isTrue();
            assertThat(plan.get("redriven").isNull()).isTrue();
            assertThat(topics.stored(MixAll.getRetryTopic(group))).as("a dry run sends nothing").isZero();

            assertBad(operator.post("/api/redrive", object("group", group, "dryRun", false)),
                    "Confirmation '' does not match", "accepted: the group's name, '" + group + "'");
            assertBad(operator.post("/api/redrive", object("group", group, "dryRun", false, "confirm", group + "x")),
                    "Confirmation '" + group + "x' does not match", "typed exactly");
            assertThat(topics.stored(MixAll.getRetryTopic(group))).as("nothing sent unconfirmed").isZero();

            JsonNode done = ok(operator.post("/api/redrive", object("group", group, "dryRun", false,
                    "confirm", group, "rate", "50/s", "canary", "1", "pauseAbove", "50%")));
            assertThat(done.get("dryRun").asBoolean()).isFalse();
            assertThat(done.get("redriven").asLong()).isEqualTo(3);
            assertThat(done.get("retryTopic").asText()).isEqualTo("%RETRY%" + group);
            assertThat(done.get("retryOffsetsSet")).as("the group is online").isEmpty();
            assertThat(done.get("warnings")).isEmpty();
            assertThat(done.get("error").isNull()).isTrue();
            assertThat(done.get("state").asText()).isEqualTo("FINISHED");
            assertThat(done.get("canary").get("sent").asInt()).as("one dead letter first, alone").isEqualTo(1);
            assertThat(done.get("canary").get("passed").asBoolean()).isTrue();
            assertThat(done.get("canary").get("failed")).isEmpty();
            runId = done.get("runId").asText();
            fixed.awaitLabels(dead, PATIENCE);
            fixed.await(() -> fixed.deliveries() >= 3, PATIENCE, "the three dead letters");
            assertThat(fixed.deliveryCounts()).as("the dead letters once each, nothing else")
                    .isEqualTo(dead.stream().collect(Collectors.toMap(i -> i, i -> 1)));
            MessageExt order = fixed.message(ids.get(0));
            assertThat(order.getTopic()).as("under the topic it was published to").isEqualTo(topic);
            assertThat(order.getKeys()).isEqualTo("order-0");
            assertThat(order.getUserProperty("region")).isEqualTo("eu");

            HttpResponse<String> twice = operator.post("/api/redrive", object("group", group, "dryRun", "false",
                    "confirm", group));
            assertThat(twice.statusCode()).as(twice.body()).isEqualTo(409);
            assertThat(json(twice).get("error").asText())
                    .contains("Dead letters of this window were redriven to group " + group + " already")
                    .contains("by " + ADMIN).contains("tick 'Redrive again' (\"again\": true)")
                    .contains("Nothing was sent");
            assertThat(topics.stored(MixAll.getRetryTopic(group))).as("nothing sent by the refused redrive")
                    .isEqualTo(3);
            JsonNode preview = ok(operator.post("/api/redrive", object("group", group)));
            assertThat(preview.get("redrivenBefore").asText()).contains("redriven to group " + group + " already");

            JsonNode again = ok(operator.post("/api/redrive", object("group", group, "keys", "order-4",
                    "dryRun", false, "again", true, "confirm", group)));
            assertThat(again.get("redriven").asLong()).isEqualTo(1);
            assertThat(again.get("selection").asText()).isEqualTo("tags *, keys [order-4]");
            assertThat(again.get("leftOut").asLong()).isEqualTo(2);
            fixed.await(() -> fixed.deliveries(ids.get(4)) == 2, PATIENCE, "order-4 once more");
            assertThat(fixed.deliveryCounts()).as("order-4 twice, the other dead letters once, nothing else")
                    .isEqualTo(Map.of(ids.get(0), 1, ids.get(2), 1, ids.get(4), 2));
        }
        JsonNode history = ok(operator.get("/api/history?group=" + group + "&topic=" + encode(deadLetterTopic)));
        assertThat(history.findValuesAsText("kind")).as("each redrive a run: started, then finished")
                .containsExactly("REDRIVE", "REDRIVE", "REDRIVE", "REDRIVE");
        assertThat(history.findValues("run")).extracting(run -> run.get("state").asText())
                .containsExactly("FINISHED", "STARTED", "FINISHED", "STARTED");
        assertThat(history.findValues("run").get(3).get("id").asText()).isEqualTo(runId);
        assertThat(history.findValuesAsText("actor")).containsOnly(ADMIN);
        assertThat(history.findValuesAsText("messagesToReplay")).containsExactly("1", "1", "3", "3");
    }

    @Test
    void selectionsTakeWhatTheySayWrongValuesAre400AndOnlyAnAdministratorMayRedrive() throws Exception {
        ConsoleClient operator = ConsoleClient.loggedIn(base(), ADMIN, ADMIN_PASSWORD);
        assertThat(selected(operator, "filter", "region = 'eu'")).containsExactly(ids.get(0));
        assertThat(selected(operator, "keys", "order-2,order-3,order-4")).containsExactlyInAnyOrder(ids.get(2),
                ids.get(4));
        assertThat(selected(operator, "tags", "created")).isEmpty();
        assertThat(selected(operator, "until", "-1h")).as("stored in the last hour: outside").isEmpty();
        assertThat(selected(operator, "from", "-1h")).containsExactlyInAnyOrderElementsOf(dead);

        assertBad(operator.post("/api/redrive", object("group", group, "filter", "region = ")),
                "SQL92 filter 'region = ' is not accepted",
                "accepted: RocketMQ's SQL92 over the message's user properties and TAGS");
        assertBad(operator.post("/api/redrive", object("group", group, "keys", "order-1,,order-2")),
                "Keys 'order-1,,order-2' are not accepted", "accepted: message keys joined by ','");
        assertBad(operator.post("/api/redrive", object("group", group, "tags", "paid ||")),
                "Tag expression 'paid ||' is not accepted", "accepted: '*' (every message)");
        assertBad(operator.post("/api/redrive", object("group", group, "from", "yesterday-ish")),
                "'from' is 'yesterday-ish', which is not a time", "accepted: yyyyMMddHHmmss");
        assertBad(operator.post("/api/redrive", object("group", group, "rate", "0")),
                "Rate '0' is not accepted", "accepted: a number of messages above 0 per second");
        assertBad(operator.post("/api/redrive", object("group", group, "canary", "abc")),
                "Canary 'abc' is not accepted", "accepted: a whole number of messages from 1 to 10000");
        assertBad(operator.post("/api/redrive", object("group", group, "pauseAbove", "101%")),
                "Failure threshold '101%' is not accepted", "above 0 and at most 100, as N or N% (e.g. 5 or 2.5%)");
        assertBad(operator.post("/api/redrive", object("group", group, "until", "soon")),
                "'until' is 'soon', which is not a time", "accepted: yyyyMMddHHmmss");
        assertBad(operator.post("/api/redrive", object("group", group, "from", "now", "until", "-1h")),
                "is not after 'from'", "accepted: a window whose end is after its start");
        assertBad(operator.post("/api/redrive", object("group", group, "again", "maybe")), "'again' is 'maybe'",
                "accepted: false (the default: refuse dead letters redriven to the group before) or true "
                        + "(redrive them again)");
        assertBad(operator.post("/api/redrive", object("group", group, "dryRun", "perhaps")),
                "'dryRun' is 'perhaps'", "accepted: true (the default: only show the plan) or false (redrive the "
                        + "dead letters)");
        assertBad(operator.post("/api/redrive", object("topic", topic)), "'group' is missing",
                "accepted: a consumer group name");
        assertBad(operator.post("/api/redrive", object("group", "bad group!")), "group name 'bad group!'",
                "accepted: 1 to 255 characters");
        assertBad(operator.post("/api/redrive", object("group", "never-failed-" + group)),
                "Group 'never-failed-" + group + "' has no dead letters: its dead-letter topic %DLQ%never-failed-",
                "RocketMQ creates it when the first message of the group runs out of retries");

        HttpResponse<String> viewer = ConsoleClient.loggedIn(base(), VIEWER, VIEWER_PASSWORD).post("/api/redrive",
                object("group", group, "dryRun", false, "confirm", group));
        assertThat(viewer.statusCode()).as(viewer.body()).isEqualTo(403);
        assertThat(json(viewer).get("error").asText()).contains("'" + VIEWER + "'").contains("BACKTRACK_ADMIN");
        HttpResponse<String> anonymous = new ConsoleClient(base()).post("/api/redrive",
                object("group", group, "dryRun", false, "confirm", group));
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(json(anonymous).get("error").asText()).startsWith("Authentication required");
        assertThat(topics.stored(MixAll.getRetryTopic(group))).as("nothing sent by any of them").isZero();
        assertThat(json(operator.get("/api/history?group=" + group)).size()).as("nothing journaled").isZero();
    }

    /** The ids of the dead letters a dry run with the one field {@code name} would send (the plan shows up to 5). */
    private List<String> selected(ConsoleClient operator, String name, String value) throws Exception {
        JsonNode plan = ok(operator.post("/api/redrive", object("group", group, name, value)));
        assertThat(plan.get("deadLettersInWindow").asLong() - plan.get("leftOut").asLong())
                .isEqualTo(plan.get("deadLettersToSend").asLong());
        assertThat(plan.get("first")).hasSize(plan.get("deadLettersToSend").asInt());
        return plan.get("first").findValuesAsText("msgId");
    }

    private String base() {
        return "http://localhost:" + port + "/backtrack-console";
    }
}
