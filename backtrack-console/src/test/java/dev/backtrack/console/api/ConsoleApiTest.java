package dev.backtrack.console.api;

import static dev.backtrack.console.ApiAnswers.assertBad;
import static dev.backtrack.console.ConsoleClient.encode;
import static dev.backtrack.console.ConsoleClient.json;
import static dev.backtrack.console.ConsoleOnlyApp.ADMIN;
import static dev.backtrack.console.ConsoleOnlyApp.ADMIN_PASSWORD;
import static dev.backtrack.console.ConsoleOnlyApp.VIEWER;
import static dev.backtrack.console.ConsoleOnlyApp.VIEWER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.console.ConsoleOnlyApp;
import dev.backtrack.console.ConsoleClient;
import dev.backtrack.console.TestTopics;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.embedded.EmbeddedBroker;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's JSON API over real HTTP on an embedded broker: who may do what (401, 403, CSRF), the timeline's
 * counts, plan preview, peek (exact bodies, no group created), rewind with confirmation journaled with the user, and
 * bad input answered 400 with what is accepted.
 */
@SpringBootTest(classes = ConsoleOnlyApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleApiTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    private static final String JOURNAL = "console-journal-" + UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void console(DynamicPropertyRegistry registry) {
        ConsoleOnlyApp.console(registry, MQ, () -> JOURNAL, ADMIN, "{noop}" + ADMIN_PASSWORD);
        ConsoleOnlyApp.viewer(registry, VIEWER, () -> "{bcrypt}"
                + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode(VIEWER_PASSWORD));
    }

    private final TestTopics topics = new TestTopics(MQ);
    private final RocketMqAdmin admin = topics.admin();

    @LocalServerPort
    int port;

    @Test
    void anonymousRequestsAre401OnTheApiAndRedirectedToTheLoginOnPages() throws Exception {
        ConsoleClient anonymous = client();
        HttpResponse<String> me = anonymous.get("/api/me");
        assertThat(me.statusCode()).isEqualTo(401);
        assertThat(json(me).get("error").asText()).startsWith("Authentication required");
        assertThat(anonymous.get("/api/topics").statusCode()).isEqualTo(401);
        HttpResponse<String> page = anonymous.get("/");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/backtrack-console/login"));
        assertThat(anonymous.get("/login").statusCode()).isEqualTo(200);

        HttpResponse<String> wrong = anonymous.login(ADMIN, "not-the-password");
        assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/backtrack-console/login?error"));
        assertThat(anonymous.get("/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void aViewerLooksButMayNotRewind() throws Exception {
        String topic = topicWithMessages(4);
        ConsoleClient viewer = loggedIn(VIEWER, VIEWER_PASSWORD);
        JsonNode me = json(viewer.get("/api/me"));
        assertThat(me.get("user").asText()).isEqualTo(VIEWER);
        assertThat(me.get("roles").toString()).isEqualTo("[\"BACKTRACK_VIEWER\"]");
        assertThat(me.get("canRewind").asBoolean()).isFalse();
        assertThat(me.get("inputZone").asText()).as("backtrack.zone, by default the system's")
                .isEqualTo(java.time.ZoneId.systemDefault().getId());

        HttpResponse<String> plan = viewer.post("/api/plan", body("g-viewer", topic, "-1h", null));
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        HttpResponse<String> rewind = viewer.post("/api/rewind", body("g-viewer", topic, "-1h", "g-viewer"));
        assertThat(rewind.statusCode()).isEqualTo(403);
        assertThat(json(rewind).get("error").asText()).contains("BACKTRACK_ADMIN");
        assertThat(viewer.post("/api/undo/x", "{\"confirm\":\"g\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void aPostWithoutTheCsrfTokenIs403AndWithItGoesThrough() throws Exception {
        String topic = topicWithMessages(2);
        ConsoleClient operator = loggedIn(ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> without = operator.postWithoutCsrf("/api/plan", body("g-csrf", topic, "-1h", null));
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(json(without).get("error").asText()).contains("CSRF");
        HttpResponse<String> with = operator.post("/api/plan", body("g-csrf", topic, "-1h", null));
        assertThat(with.statusCode()).as(with.body()).isEqualTo(200);
        JsonNode me = json(operator.get("/api/me"));
        assertThat(me.get("roles").toString()).isEqualTo("[\"BACKTRACK_ADMIN\",\"BACKTRACK_VIEWER\"]");
        assertThat(me.get("canRewind").asBoolean()).isTrue();
    }

    @Test
    void theTimelineCountsTheMessagesOfEachBucket() throws Exception {
        String topic = "console-timeline-" + UUID.randomUUID().toString().substring(0, 8);
        MQ.rocketMq().createTopic(topic, 2);
        List<Long> storeTimes = new ArrayList<>();
        for (int burst = 0; burst < 3; burst++) {
            storeTimes.addAll(produce(topic, 3 + burst * 2, "b" + burst + "-"));
            long last = storeTimes.stream().mapToLong(Long::longValue).max().orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > last + 30);
        }
        long first = storeTimes.stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = storeTimes.stream().mapToLong(Long::longValue).max().orElseThrow();
        int buckets = (int) Math.min(40, (last - first + 20) / 2);
        ConsoleClient viewer = loggedIn(VIEWER, VIEWER_PASSWORD);

        HttpResponse<String> response = viewer.get("/api/timeline?topic=" + topic + "&from=" + (first - 10)
                + "&until=" + (last + 10) + "&buckets=" + buckets);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode timeline = json(response);
        assertThat(timeline.get("total").asLong()).isEqualTo(storeTimes.size());
        assertThat(timeline.get("from").asLong()).isEqualTo(first - 10);
        assertThat(timeline.get("until").asLong()).isEqualTo(last + 10);
        assertThat(timeline.get("buckets")).hasSize(buckets);
        for (JsonNode bucket : timeline.get("buckets")) {
            long start = bucket.get("start").asLong();
            long end = bucket.get("end").asLong();
            assertThat(bucket.get("count").asLong()).as("[%d, %d)", start, end)
                    .isEqualTo(storeTimes.stream().filter(t -> t >= start && t < end).count());
        }
        JsonNode byRange = json(viewer.get("/api/timeline?topic=" + topic + "&group=g-timeline&range=15m"));
        assertThat(byRange.get("total").asLong()).isEqualTo(storeTimes.size());
        assertThat(byRange.get("buckets")).hasSize(60);
        assertThat(byRange.get("position")).hasSize(2);
        assertThat(byRange.get("position").get(0).get("committedOffset").isNull()).isTrue();
    }

    @Test
    void thePlanPreviewShowsEveryQueueAndMovesNothing() throws Exception {
        String topic = topicWithMessages(6);
        ConsoleClient viewer = loggedIn(VIEWER, VIEWER_PASSWORD);
        JsonNode plan = json(viewer.post("/api/plan", body("g-plan", topic, "-1h", null)));
        assertThat(plan.get("group").asText()).isEqualTo("g-plan");
        assertThat(plan.get("queues")).hasSize(2);
        assertThat(plan.get("messagesToReplay").asLong()).isEqualTo(6);
        assertThat(plan.get("truncatedHistory").asBoolean()).isFalse();
        for (JsonNode queue : plan.get("queues")) {
            assertThat(queue.get("targetOffset").asLong()).isZero();
            assertThat(queue.get("committedOffset").isNull()).isTrue();
        }
        for (QueueAddress queue : admin.queues(topic)) {
            assertThat(admin.committedOffset(queue.brokerAddress(), "g-plan", queue.queue())).isNull();
        }
    }

    @Test
    void peekReturnsTheExactBodiesInStoreTimeOrderAndCreatesNoGroup() throws Exception {
        String topic = "console-peek-" + UUID.randomUUID().toString().substring(0, 8);
        MQ.rocketMq().createTopic(topic, 2);
        Set<String> groupsBefore = groups();
        String script = "<script>alert('peek')</script> & \"quotes\"";
        List<Long> times = topics.produce(topic, List.of(script, "second", "third"));
        ConsoleClient viewer = loggedIn(VIEWER, VIEWER_PASSWORD);

        HttpResponse<String> response = viewer.get("/api/peek?topic=" + topic + "&at=" + times.get(0) + "&limit=2");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode peeked = json(response);
        assertThat(peeked).hasSize(2);
        assertThat(peeked.get(0).get("body").asText()).isEqualTo(script);
        assertThat(peeked.get(0).get("bodyEncoding").asText()).isEqualTo("text");
        assertThat(peeked.get(0).get("truncated").asBoolean()).isFalse();
        assertThat(peeked.get(0).get("storeTime").asLong()).isEqualTo(times.get(0));
        assertThat(peeked.get(0).get("storeTimeIso").asText()).isEqualTo(java.time.Instant.ofEpochMilli(times.get(0))
                .toString());
        assertThat(peeked.get(1).get("body").asText()).isEqualTo("second");
        assertThat(groups()).as("peeking created no consumer group").isEqualTo(groupsBefore);
    }

    @Test
    void aRewindNeedsTheGroupsNameTypedAndIsJournaledWithTheUser() throws Exception {
        String topic = topicWithMessages(5);
        String group = "g-rewind-" + UUID.randomUUID().toString().substring(0, 8);
        ConsoleClient operator = loggedIn(ADMIN, ADMIN_PASSWORD);

        HttpResponse<String> unconfirmed = operator.post("/api/rewind", body(group, topic, "-1h", group + "x"));
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(json(unconfirmed).get("error").asText()).contains("does not match").contains("'" + group + "'");
        HttpResponse<String> missing = operator.post("/api/rewind", body(group, topic, "-1h", null));
        assertThat(missing.statusCode()).isEqualTo(400);
        for (QueueAddress queue : admin.queues(topic)) {
            assertThat(admin.committedOffset(queue.brokerAddress(), group, queue.queue())).isNull();
        }

        HttpResponse<String> done = operator.post("/api/rewind", body(group, topic, "-1h", group));

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonNode rewind = json(done);
        assertThat(rewind.get("path").asText()).isEqualTo("OFFLINE_WRITE");
        assertThat(rewind.get("messagesToReplay").asLong()).isEqualTo(5);
        assertThat(rewind.get("warnings")).isEmpty();
        assertThat(rewind.get("queues")).hasSize(2).allSatisfy(q -> assertThat(q.get("readBack").asLong())
                .isEqualTo(q.get("to").asLong()).isZero());
        for (QueueAddress queue : admin.queues(topic)) {
            assertThat(admin.committedOffset(queue.brokerAddress(), group, queue.queue())).isZero();
        }
        JsonNode history = json(operator.get("/api/history?group=" + group));
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("kind").asText()).isEqualTo("REWIND");
        assertThat(history.get(0).get("actor").asText()).isEqualTo(ADMIN);
        assertThat(history.get(0).get("topic").asText()).isEqualTo(topic);
        assertThat(history.get(0).get("requested").asText()).isEqualTo("-1h");
        assertThat(history.get(0).get("messagesToReplay").asLong()).isEqualTo(5);

        JsonNode timeline = json(operator.get("/api/timeline?topic=" + topic + "&group=" + group + "&range=15m"));
        assertThat(timeline.get("rewinds")).hasSize(1);
        assertThat(timeline.get("rewinds").get(0).get("actor").asText()).isEqualTo(ADMIN);
        assertThat(timeline.get("position")).allSatisfy(p -> assertThat(p.get("committedOffset").asLong()).isZero());

        JsonNode topics = json(operator.get("/api/topics"));
        assertThat(topics.findValuesAsText("topic")).as("the journal topic exists, but is Backtrack's")
                .contains(topic).doesNotContain(JOURNAL).noneMatch(t -> t.startsWith("%RETRY%")
                        || t.startsWith("BACKTRACK_") || t.startsWith("RMQ_SYS_") || t.equals("TBW102")
                        || t.endsWith("_REPLY_TOPIC") || t.equals("broker-a"));
        JsonNode listed = null;
        for (JsonNode t : topics) {
            listed = t.get("topic").asText().equals(topic) ? t : listed;
        }
        assertThat(listed.get("queues").asInt()).isEqualTo(2);
        assertThat(listed.get("messages").asLong()).isEqualTo(5);
        assertThat(listed.get("brokers").toString()).isEqualTo("[\"broker-a\"]");
        JsonNode groups = json(operator.get("/api/groups"));
        JsonNode mine = null;
        for (JsonNode g : groups) {
            if (g.get("group").asText().equals(group)) {
                mine = g;
            }
        }
        assertThat(mine).as("the rewound group is listed").isNotNull();
        assertThat(mine.get("lag").asLong()).isEqualTo(5);
        assertThat(mine.get("topics").toString()).isEqualTo("[\"" + topic + "\"]");
        assertThat(mine.get("online").asInt()).isZero();
        assertThat(groups.findValuesAsText("group")).noneMatch(g -> g.startsWith("BACKTRACK_")
                || g.equals("TOOLS_CONSUMER"));
    }

    @Test
    void progressFollowsTheReplayAndUndoPutsTheOffsetsBackOnce() throws Exception {
        String topic = topicWithMessages(6);
        String group = "g-undo-" + UUID.randomUUID().toString().substring(0, 8);
        topics.commitEverything(group, topic);
        ConsoleClient operator = loggedIn(ADMIN, ADMIN_PASSWORD);
        JsonNode rewind = json(operator.post("/api/rewind", body(group, topic, "-1h", group)));
        String rewindId = rewind.get("id").asText();
        assertThat(rewindId).isNotBlank();

        JsonNode progress = json(operator.get("/api/progress?group=" + group + "&topic=" + topic));
        assertThat(progress.get("id").asText()).isEqualTo(rewindId);
        assertThat(progress.get("total").asLong()).isEqualTo(6);
        assertThat(progress.get("replayed").asLong()).isZero();
        assertThat(progress.get("percent").asDouble()).isZero();
        assertThat(progress.get("done").asBoolean()).isFalse();
        topics.commitEverything(group, topic); // as a consumer that replayed everything would
        JsonNode caughtUp = json(operator.get("/api/progress/" + rewindId));
        assertThat(caughtUp.get("replayed").asLong()).isEqualTo(6);
        assertThat(caughtUp.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(caughtUp.get("done").asBoolean()).isTrue();
        assertThat(operator.get("/api/progress?group=never-" + group + "&topic=" + topic).statusCode())
                .isEqualTo(404);

        // back to where the rewind found the group, after the group was rewound once more by hand
        for (QueueAddress queue : admin.queues(topic)) {
            admin.writeOffset(queue.brokerAddress(), group, queue.queue(), 0);
        }
        HttpResponse<String> unconfirmed = operator.post("/api/undo/" + rewindId, "{\"confirm\":\"nope\"}");
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(json(unconfirmed).get("error").asText()).contains("'" + group + "'");
        HttpResponse<String> undone = operator.post("/api/undo/" + rewindId, "{\"confirm\":\"" + group + "\"}");
        assertThat(undone.statusCode()).as(undone.body()).isEqualTo(200);
        JsonNode undo = json(undone);
        assertThat(undo.get("undoes").asText()).isEqualTo(rewindId);
        assertThat(undo.get("path").asText()).isEqualTo("OFFLINE_WRITE");
        assertThat(undo.get("queues")).allSatisfy(q -> assertThat(q.get("readBack").asLong()).isEqualTo(3));
        for (QueueAddress queue : admin.queues(topic)) {
            assertThat(admin.committedOffset(queue.brokerAddress(), group, queue.queue())).isEqualTo(3);
        }
        JsonNode history = json(operator.get("/api/history?group=" + group + "&topic=" + topic));
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("kind").asText()).isEqualTo("UNDO");
        assertThat(history.get(0).get("undoes").asText()).isEqualTo(rewindId);
        assertThat(history.get(0).get("actor").asText()).isEqualTo(ADMIN);
        assertThat(history.get(1).get("id").asText()).isEqualTo(rewindId);
        assertThat(history.get(1).get("undoneBy").asText()).isEqualTo(undo.get("id").asText());
        assertThat(history.get(1).get("path").asText()).isEqualTo("OFFLINE_WRITE");

        HttpResponse<String> again = operator.post("/api/undo/" + rewindId, "{\"confirm\":\"" + group + "\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("error").asText()).contains("already undone");
        assertThat(operator.post("/api/undo/no-such-id", "{\"confirm\":\"" + group + "\"}").statusCode())
                .isEqualTo(404);
        assertThat(operator.get("/api/progress/" + undo.get("id").asText()).statusCode()).isEqualTo(409);
    }

    @Test
    void aRewindByOffsetsByAShiftOrToAnotherGroupsOffsetsMovesTheChosenQueues() throws Exception {
        String topic = topicWithMessages(10);
        String group = "g-position-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "g-other-" + UUID.randomUUID().toString().substring(0, 8);
        topics.commitEverything(group, topic);
        List<String> queues = List.copyOf(topics.queues(topic).keySet());
        String q0 = queues.get(0);
        String q1 = queues.get(1);
        topics.commit(other, topics.queues(topic).get(q0), 2);
        topics.commit(other, topics.queues(topic).get(q1), 0);
        ConsoleClient operator = loggedIn(ADMIN, ADMIN_PASSWORD);

        JsonNode plan = json(operator.post("/api/plan", ConsoleClient.object("group", group, "topic", topic,
                "shiftBy", "-2", "queues", q0)));
        assertThat(plan.get("position").asText()).isEqualTo("shift -2 on " + q0);
        assertThat(plan.get("timestamp").asLong()).isEqualTo(-1);
        assertThat(plan.get("queues")).hasSize(1);
        assertThat(plan.get("queues").get(0).get("targetOffset").asLong()).isEqualTo(3);
        assertThat(plan.get("messagesToReplay").asLong()).isEqualTo(2);
        assertThat(topics.committed(group, topic)).as("a plan moves nothing").isEqualTo(Map.of(q0, 5L, q1, 5L));

        rewound(operator, "shiftBy", "-2", group, topic, q0, Map.of(q0, 3L, q1, 5L));
        rewound(operator, "toOffset", q0 + "=1," + q1 + "=4", group, topic, null, Map.of(q0, 1L, q1, 4L));
        rewound(operator, "toGroupOf", other, group, topic, q1, Map.of(q0, 1L, q1, 0L));
        rewound(operator, "toOffset", "5", group, topic, null, Map.of(q0, 5L, q1, 5L));
        JsonNode history = json(operator.get("/api/history?group=" + group + "&topic=" + topic));
        assertThat(history.findValuesAsText("requested")).containsExactly("offset 5", "group of " + other + " on "
                + q1, "offsets " + q0 + "=1," + q1 + "=4 on " + q0 + "," + q1, "shift -2 on " + q0);

        assertBad(operator.post("/api/plan", ConsoleClient.object("group", group, "topic", topic, "shiftBy",
                "back")), "'shiftBy'", "accepted");
        assertBad(operator.post("/api/plan", ConsoleClient.object("group", group, "topic", topic, "shiftBy", "-1",
                "toOffset", "3")), "were given together", "accepted: exactly one of");
        assertBad(operator.post("/api/plan", ConsoleClient.object("group", group, "topic", topic, "shiftBy", "-1",
                "queues", "broker-a")), "'queues'", "accepted");
        assertBad(operator.post("/api/rewind", ConsoleClient.object("group", group, "topic", topic, "shiftBy", "-1",
                "allowPartial", "perhaps", "confirm", group)), "'allowPartial' is 'perhaps'", "accepted");
        assertThat(topics.committed(group, topic)).isEqualTo(Map.of(q0, 5L, q1, 5L));
    }

    /** Rewinds {@code group} to the position {@code field}: {@code value} on {@code queues}; checks the broker's offsets. */
    private void rewound(ConsoleClient operator, String field, String value, String group, String topic,
            String queues, Map<String, Long> expected) throws Exception {
        HttpResponse<String> done = operator.post("/api/rewind", ConsoleClient.object("group", group, "topic", topic,
                field, value, "queues", queues, "confirm", group));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(json(done).get("path").asText()).isEqualTo("OFFLINE_WRITE");
        assertThat(topics.committed(group, topic)).as("%s %s on %s", field, value, queues).isEqualTo(expected);
    }

    @Test
    void aRewindsRateIsCheckedAtThePreviewAndRecordedWithTheRewindOrSaidWhyItCannotApply() throws Exception {
        String topic = topicWithMessages(4);
        String group = "g-rate-" + UUID.randomUUID().toString().substring(0, 8);
        ConsoleClient operator = loggedIn(ADMIN, ADMIN_PASSWORD);
        assertBad(operator.post("/api/plan", ConsoleClient.object("group", group, "topic", topic, "to", "-1h",
                "rate", "fast")), "Rate 'fast' is not accepted", "accepted: a number of messages above 0 per second");
        assertBad(operator.post("/api/rewind", ConsoleClient.object("group", group, "topic", topic, "to", "-1h",
                "rate", "0", "confirm", group)), "Rate '0' is not accepted", "per minute as N/m");
        for (QueueAddress queue : admin.queues(topic)) {
            assertThat(admin.committedOffset(queue.brokerAddress(), group, queue.queue())).as("nothing moved").isNull();
        }

        HttpResponse<String> done = operator.post("/api/rewind", ConsoleClient.object("group", group, "topic", topic,
                "to", "-1h", "rate", "600/m", "confirm", group));

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonNode rewind = json(done);
        assertThat(rewind.get("path").asText()).isEqualTo("OFFLINE_WRITE");
        assertThat(rewind.get("warnings")).singleElement().satisfies(w -> assertThat(w.asText())
                .startsWith("the rate applies only to instances with the Backtrack starter that are running"));
        JsonNode history = json(operator.get("/api/history?group=" + group));
        assertThat(history.get(0).get("requested").asText()).isEqualTo("-1h at 10/s");
    }

    @Test
    void badInputIs400SayingWhatIsAccepted() throws Exception {
        String topic = topicWithMessages(1);
        ConsoleClient viewer = loggedIn(VIEWER, VIEWER_PASSWORD);
        assertBad(viewer.get("/api/timeline?topic=" + topic + "&from=yesterday-ish"), "'from' is 'yesterday-ish'",
                "accepted: yyyyMMddHHmmss");
        assertBad(viewer.get("/api/timeline?topic=" + topic + "&range=2w"), "'range' is '2w'", "accepted: 15m, 1h");
        assertBad(viewer.get("/api/timeline?topic=" + topic + "&buckets=0"), "'buckets' is '0'", "1 to 500");
        assertBad(viewer.get("/api/timeline?topic=" + topic + "&buckets=501"), "'buckets' is '501'", "1 to 500");
        assertBad(viewer.get("/api/timeline?topic=" + topic + "&buckets=abc"), "'buckets' is 'abc'", "1 to 500");
        assertBad(viewer.get("/api/timeline?topic=" + encode("bad topic!")), "Topic name 'bad topic!'", "accepted");
        assertBad(viewer.get("/api/timeline"), "'topic' is missing", "accepted");
        assertBad(viewer.get("/api/timeline?topic=" + topic + "&from=now&until=-1h"), "is not after 'from'",
                "accepted");
        assertBad(viewer.get("/api/peek?topic=" + topic + "&at=-1h&limit=0"), "'limit' is '0'", "1 to 200");
        assertBad(viewer.get("/api/peek?topic=" + topic + "&at=-1h&limit=201"), "'limit' is '201'", "1 to 200");
        assertBad(viewer.get("/api/peek?topic=" + topic), "'at' is missing", "accepted");
        assertBad(viewer.post("/api/plan", body(null, topic, "-1h", null)), "'group' is missing", "accepted");
        assertBad(viewer.post("/api/plan", body("bad group!", topic, "-1h", null)), "group name 'bad group!'",
                "accepted");
        assertBad(viewer.post("/api/plan", body("g", topic, "13 o'clock", null)), "'to' is '13 o'clock'",
                "accepted");
        assertBad(viewer.post("/api/plan", "[1,2"), "not a JSON object", "accepted");
        HttpResponse<String> unknown = viewer.get("/api/timeline?topic=no-such-topic-" + UUID.randomUUID());
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).contains("no-such-topic-");
    }

    private ConsoleClient client() {
        return new ConsoleClient("http://localhost:" + port + "/backtrack-console");
    }

    private ConsoleClient loggedIn(String user, String password) throws Exception {
        ConsoleClient client = client();
        HttpResponse<String> login = client.login(user, password);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/backtrack-console/"));
        return client;
    }

    private static String body(String group, String topic, String to, String confirm) {
        StringBuilder json = new StringBuilder("{");
        append(json, "group", group);
        append(json, "topic", topic);
        append(json, "to", to);
        append(json, "confirm", confirm);
        return json.append('}').toString();
    }

    private static void append(StringBuilder json, String field, String value) {
        if (value != null) {
            json.append(json.length() > 1 ? "," : "").append('"').append(field).append("\":\"")
                    .append(value.replace("\"", "\\\"")).append('"');
        }
    }

    /** A new topic with two queues and {@code count} messages on them. */
    private String topicWithMessages(int count) throws Exception {
        String topic = "console-" + UUID.randomUUID().toString().substring(0, 8);
        MQ.rocketMq().createTopic(topic, 2);
        produce(topic, count, "m-");
        return topic;
    }

    private List<Long> produce(String topic, int count, String prefix) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bodies.add(prefix + i);
        }
        return topics.produce(topic, bodies);
    }

    private static Set<String> groups() {
        Set<String> groups = new HashSet<>();
        for (EmbeddedBroker broker : MQ.rocketMq().brokers()) {
            groups.addAll(broker.controller().getSubscriptionGroupManager().getSubscriptionGroupTable().keySet());
        }
        return groups;
    }
}
