package dev.backtrack.autoconfigure.actuate;

import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.HistoryItem;
import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.position.NamedQueues;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.RecordingConsumer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** The endpoint's toOffset, shiftBy, toGroupOf and queues fields on a real two-broker cluster; 400 on wrong values. */
class PositionEndpointTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2).shared();
    private static final String TOPIC = "endpoint-positions";
    private static final String JOURNAL = "ENDPOINT_POSITIONS_JOURNAL";
    private static final List<String> QUEUES = List.of("broker-a/0", "broker-a/1", "broker-b/0", "broker-b/1");

    @BeforeAll
    static void tenNamedQueues(EmbeddedRocketMq mq) throws Exception {
        NamedQueues.fill(mq, TOPIC, 2, QUEUES, 10);
    }

    @Test
    void aShiftOnChosenQueuesIsPlannedThenAppliedAndRecordedAsAsked() {
        String group = "endpoint-pos-shift";
        commit(group, Map.of("broker-a/0", 10L, "broker-a/1", 10L, "broker-b/0", 4L, "broker-b/1", 10L));
        BacktrackEndpoint endpoint = endpoint(group);

        WebEndpointResponse<Object> dry = endpoint.rewind(OPERATOR, "input", null, null, null, null, "-6", null,
                "broker-a/1, broker-b/0", null, null);

        assertThat(dry.getStatus()).as("%s", dry.getBody()).isEqualTo(200);
        RewindPlan plan = (RewindPlan) body(dry).get("plan");
        assertThat(plan.queues()).extracting(QueueRewind::name).containsExactly("broker-a/1", "broker-b/0");
        assertThat(plan.queues()).extracting(QueueRewind::targetOffset).containsExactly(4L, 0L);
        assertThat(plan.untouchedQueues()).containsExactly("broker-a/0", "broker-b/1");
        assertThat(plan.notes()).containsExactly("broker-b/0: committed offset 4 shifted by -6 = -2 is below the min "
                + "offset 0 (the oldest retained message); clamped to 0");
        assertThat(body(dry).get("messagesToReplay")).isEqualTo(10L);
        assertThat(offsets(group)).as("a dry run changes nothing").containsEntry("broker-a/1", 10L);

        WebEndpointResponse<Object> done = endpoint.rewind(OPERATOR, "input", null, null, null, null, "-6", null,
                "broker-a/1,broker-b/0", "false", null);

        assertThat(done.getStatus()).as("%s", done.getBody()).isEqualTo(200);
        assertThat(body(done).get("verifiedOffsets")).isEqualTo(Map.of("broker-a/1", 4L, "broker-b/0", 0L));
        assertThat(offsets(group)).isEqualTo(Map.of("broker-a/0", 10L, "broker-a/1", 4L, "broker-b/0", 0L,
                "broker-b/1", 10L));
        assertThat(latestEntry(endpoint, group).requestedTime()).isEqualTo("shift -6 on broker-a/1,broker-b/0");
    }

    @Test
    void offsetsAndAnotherGroupsOffsetsAreAppliedAndThePlanShowsBothGroups() {
        String group = "endpoint-pos-to";
        commit(group, Map.of("broker-a/0", 10L, "broker-a/1", 10L, "broker-b/0", 10L, "broker-b/1", 10L));
        commit("endpoint-pos-model", Map.of("broker-a/0", 3L, "broker-a/1", 4L, "broker-b/0", 5L, "broker-b/1", 6L));
        BacktrackEndpoint endpoint = endpoint(group);

        WebEndpointResponse<Object> list = endpoint.rewind(OPERATOR, null, group, TOPIC, null,
                "broker-a/0=1,broker-b/1=12", null, null, null, "false", null);
        assertThat(list.getStatus()).as("%s", list.getBody()).isEqualTo(200);
        assertThat(((RewindPlan) body(list).get("plan")).notes()).containsExactly("broker-b/1: offset 12 is above the "
                + "max offset 10 (the next offset to be written); clamped to 10");
        assertThat(offsets(group)).isEqualTo(Map.of("broker-a/0", 1L, "broker-a/1", 10L, "broker-b/0", 10L,
                "broker-b/1", 10L));

        WebEndpointResponse<Object> copyPlan = endpoint.rewind(OPERATOR, "input", null, null, null, null, null,
                "endpoint-pos-model", null, null, null);
        RewindPlan copy = (RewindPlan) body(copyPlan).get("plan");
        assertThat(copy.otherGroup()).isEqualTo("endpoint-pos-model");
        assertThat(copy.queues()).extracting(QueueRewind::committedOffset).containsExactly(1L, 10L, 10L, 10L);
        assertThat(copy.queues()).extracting(QueueRewind::otherGroupOffset).containsExactly(3L, 4L, 5L, 6L);

        WebEndpointResponse<Object> copied = endpoint.rewind(OPERATOR, "input", null, null, null, null, null,
                "endpoint-pos-model", null, "false", null);
        assertThat(copied.getStatus()).as("%s", copied.getBody()).isEqualTo(200);
        assertThat(offsets(group)).isEqualTo(Map.of("broker-a/0", 3L, "broker-a/1", 4L, "broker-b/0", 5L,
                "broker-b/1", 6L));
        assertThat(latestEntry(endpoint, group).requestedTime()).isEqualTo("group of endpoint-pos-model");
        WebEndpointResponse<Object> one = endpoint.rewind(OPERATOR, "input", null, null, null, "7", null, null,
                null, "false", null);
        assertThat(one.getStatus()).as("%s", one.getBody()).isEqualTo(200);
        assertThat(offsets(group).values()).containsOnly(7L);
    }

    @Test
    void wrongPositionsAre400WithAMessageAndMoveNothing() {
        String group = "endpoint-pos-wrong";
        commit(group, Map.of("broker-a/0", 10L, "broker-a/1", 10L, "broker-b/0", 10L, "broker-b/1", 10L));
        BacktrackEndpoint endpoint = endpoint(group);
        record Case(String to, String toOffset, String shiftBy, String toGroupOf, String queues, String message) {
        }
        List<Case> cases = List.of(
                new Case(null, "abc", null, null, null, "Field 'toOffset' 'abc' is not an offset; accepted: one "
                        + "offset for every queue (e.g. 5) or a list BROKER/QUEUE_ID=OFFSET,..."),
                new Case(null, "broker-a/0=1,broker-a/0=2", null, null, null, "names queue broker-a/0 twice"),
                new Case(null, "broker-c/0=1", null, null, null, "broker 'broker-c' of broker-c/0 holds no queue of "
                        + "topic 'endpoint-positions' in its route (brokers: broker-a, broker-b)"),
                new Case(null, null, "back 5", null, null, "Field 'shiftBy' 'back 5' is not a shift; accepted: a "
                        + "whole number of messages, -N (back) or +N (forward), e.g. -100"),
                new Case(null, null, "-5", null, "broker-a:0", "Field 'queues' 'broker-a:0' is not a queue; "
                        + "accepted: BROKER/QUEUE_ID, e.g. broker-a/0"),
                new Case(null, null, "-5", null, "broker-a/9", "queue id 9 of broker-a/9 is not a queue of topic "
                        + "'endpoint-positions' on broker-a (queue ids: 0, 1)"),
                new Case(null, null, null, "endpoint-pos-nobody", null, "Group 'endpoint-pos-nobody' has no "
                        + "committed offset on any queue of topic 'endpoint-positions'"),
                new Case(null, null, null, "a b", null, "Field 'toGroupOf': Consumer group name 'a b' has characters"),
                new Case("-1h", null, "-5", null, null, "Fields 'shiftBy', 'to' were given together; accepted: "
                        + "exactly one of 'to' (a time), 'toOffset'"),
                new Case(null, null, null, null, "broker-a/0", "Field 'to' is missing; accepted: yyyyMMddHHmmss"),
                new Case(null, " ", "", null, null, "Or, instead of 'to', one of: 'toOffset' (one offset for every "
                        + "queue, e.g. \"5\", or \"broker-a/0=5,broker-b/1=7\"), 'shiftBy'"));
        for (Case c : cases) {
            for (String dryRun : List.of("true", "false")) {
                WebEndpointResponse<Object> response = endpoint.rewind(OPERATOR, "input", null, null, c.to(),
                        c.toOffset(), c.shiftBy(), c.toGroupOf(), c.queues(), dryRun, null);
                assertThat(response.getStatus()).as("%s: %s", c, response.getBody()).isEqualTo(400);
                assertThat((String) body(response).get("error")).as("%s", c).contains(c.message());
            }
        }
        assertThat(offsets(group).values()).containsOnly(10L);
    }

    @Test
    void aGroupConsumingInBroadcastingModeIsRefusedWith409AndNothingMoves() {
        String group = "endpoint-pos-broadcast";
        commit(group, Map.of("broker-a/0", 10L, "broker-a/1", 10L, "broker-b/0", 10L, "broker-b/1", 10L));
        try (RecordingConsumer consumer = RecordingConsumer.on(MQ.nameServerAddress(), group, TOPIC)
                .configure(c -> c.setMessageModel(MessageModel.BROADCASTING)).start();
                RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()))) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> admin.onlineMessageModel(group) == MessageModel.BROADCASTING);
            WebEndpointResponse<Object> refused = endpoint(group).rewind(OPERATOR, "input", null, null, null, null,
                    "-3", null, null, "false", null);
            assertThat(refused.getStatus()).as("%s", refused.getBody()).isEqualTo(409);
            assertThat(refused.getBody().toString()).contains("broadcasting");
        }
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()))) {
            for (QueueAddress queue : admin.queues(TOPIC)) {
                assertThat(admin.committedOffset(queue.brokerAddress(), group, queue.queue())).isEqualTo(10L);
            }
        }
    }

    private static BacktrackEndpoint endpoint(String group) {
        return EndpointTestSupport.endpoint(JOURNAL, new ConsumerBinding("input", TOPIC, group, null, null,
                MQ.nameServerAddress(), null, null));
    }

    @SuppressWarnings("unchecked")
    private static HistoryItem latestEntry(BacktrackEndpoint endpoint, String group) {
        WebEndpointResponse<Object> history = endpoint.history(OPERATOR, "history");
        List<HistoryItem> entries = (List<HistoryItem>) body(history).get("entries");
        return entries.stream().filter(e -> e.group().equals(group)).reduce((a, b) -> b).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(WebEndpointResponse<Object> response) {
        return (Map<String, Object>) response.getBody();
    }

    private static void commit(String group, Map<String, Long> offsets) {
        NamedQueues.commit(TestAdmins.of(MQ), MQ.rocketMq(), group, TOPIC, offsets);
    }

    /** The group's committed offsets by "broker/queueId". */
    private static Map<String, Long> offsets(String group) {
        return NamedQueues.committed(TestAdmins.of(MQ), group, TOPIC);
    }
}
