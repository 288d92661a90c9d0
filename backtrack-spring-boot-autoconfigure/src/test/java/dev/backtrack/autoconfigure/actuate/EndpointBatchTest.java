package dev.backtrack.autoconfigure.actuate;

import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.OPERATOR;
import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.admin;
import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.body;
import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.error;
import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.history;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.HistoryItem;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.operation.BatchMoveFailedException;
import dev.backtrack.core.operation.BatchStep;
import dev.backtrack.core.operation.RefusedPair;
import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The batch rewind of {@code POST /actuator/backtrack} ({@code allGroups}, {@code allTopics}, {@code skipRefused})
 * and the undo of a batch, against an embedded broker: planned, applied (read back), recorded, undone; refused.
 */
class EndpointBatchTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final String JOURNAL = "ENDPOINT_BATCH_JOURNAL";

    @TempDir
    static Path localOffsets;

    @Test
    void aBatchOfThreeGroupsIsPlannedAppliedRecordedAndUndoneAsABatch(EmbeddedRocketMq mq) throws Exception {
        String topic = "endpoint-batch";
        List<String> groups = List.of("endpoint-batch-a", "endpoint-batch-b", "endpoint-batch-c");
        mq.createTopic(topic, 2);
        TestClients.send(mq.nameServerAddress(), topic, "m-", 12);
        BacktrackEndpoint endpoint = endpoint(mq);
        try (RocketMqAdmin admin = admin(mq)) {
            groups.forEach(group -> consumedToTheEnd(admin, group, topic));
            Map<String, Map<MessageQueue, Long>> before = committed(admin, groups, topic);

            WebEndpointResponse<Object> dry = rewind(endpoint, OPERATOR, topic, null, null, null, null);
            assertThat(dry.getStatus()).as("%s", dry.getBody()).isEqualTo(200);
            assertThat(body(dry)).containsEntry("dryRun", true).containsEntry("groups", groups)
                    .containsEntry("topics", List.of(topic)).containsEntry("queues", 6)
                    .containsEntry("messagesToReplay", 18L).containsEntry("refused", List.of());
            assertThat(committed(admin, groups, topic)).as("a dry run changes nothing").isEqualTo(before);

            WebEndpointResponse<Object> done = rewind(endpoint, OPERATOR, topic, null, "false", null, null);
            assertThat(done.getStatus()).as("%s", done.getBody()).isEqualTo(200);
            String batch = (String) body(done).get("batch");
            assertThat(batch).isNotBlank();
            assertThat(list(done, "pairs")).hasSize(3).allSatisfy(pair -> assertThat(pair.get("status").toString())
                    .isEqualTo("MOVED"));
            for (Map<String, Object> planned : list(done, "plans")) {
                RewindPlan plan = (RewindPlan) planned.get("plan");
                for (QueueRewind queue : plan.queues()) {
                    MessageQueue mqueue = new MessageQueue(topic, queue.broker(), queue.queueId());
                    assertThat(admin.committedOffset(queue.brokerAddress(), plan.group(), mqueue))
                            .as("%s %s read back at the plan's target", plan.group(), mqueue)
                            .isEqualTo(queue.targetOffset()).isEqualTo(before.get(plan.group()).get(mqueue) - 3);
                }
            }
            List<HistoryItem> recorded = history(endpoint).stream().filter(e -> batch.equals(e.batch())).toList();
            assertThat(recorded).hasSize(3).allSatisfy(e -> {
                assertThat(e.kind()).isEqualTo(JournalKind.REWIND);
                assertThat(e.actor()).isEqualTo("operator");
            });
            assertThat(recorded).extracting(HistoryItem::group).containsExactlyInAnyOrderElementsOf(groups);

            WebEndpointResponse<Object> undoPlan = undo(endpoint, batch, null);
            assertThat(undoPlan.getStatus()).as("%s", undoPlan.getBody()).isEqualTo(200);
            assertThat(body(undoPlan)).containsEntry("dryRun", true).containsEntry("batch", true)
                    .containsEntry("queues", 6);
            assertThat(list(undoPlan, "plans")).hasSize(3);
            assertThat(committed(admin, groups, topic)).isNotEqualTo(before);

            WebEndpointResponse<Object> undone = undo(endpoint, batch, "false");
            assertThat(undone.getStatus()).as("%s", undone.getBody()).isEqualTo(200);
            assertThat(list(undone, "entries")).hasSize(3).allSatisfy(e -> assertThat(e.get("status").toString())
                    .isEqualTo("MOVED"));
            assertThat(committed(admin, groups, topic)).as("every queue back").isEqualTo(before);
            String undoBatch = (String) body(undone).get("undoBatch");
            assertThat(history(endpoint).stream().filter(e -> undoBatch.equals(e.batch())).toList()).hasSize(3)
                    .allSatisfy(e -> assertThat(e.kind()).isEqualTo(JournalKind.UNDO));
            assertThat(undo(endpoint, batch, "false").getStatus()).as("undone already").isEqualTo(409);
        }
    }

    @Test
    void aRefusedGroupRefusesTheBatchUnlessSkipped(EmbeddedRocketMq mq) throws Exception {
        // Broadcasting consumers write their offsets under this directory (default: the user's home).
        System.setProperty("rocketmq.client.localOffsetStoreDir", localOffsets.toString());
        String topic = "endpoint-batch-bc";
        String movable = "endpoint-batch-bc-ok";
        String broadcasting = "endpoint-batch-bc-broadcast";
        mq.createTopic(topic, 2);
        TestClients.send(mq.nameServerAddress(), topic, "m-", 6);
        BacktrackEndpoint endpoint = endpoint(mq);
        try (RocketMqAdmin admin = admin(mq);
                RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), broadcasting, topic)
                        .configure(c -> c.setMessageModel(MessageModel.BROADCASTING)).start()) {
            consumedToTheEnd(admin, movable, topic);
            Map<String, Map<MessageQueue, Long>> before = committed(admin, List.of(movable), topic);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> admin.onlineMessageModel(broadcasting) == MessageModel.BROADCASTING);

            WebEndpointResponse<Object> refused = rewind(endpoint, OPERATOR, topic, null, "false", null, null);
            assertThat(refused.getStatus()).as("%s", refused.getBody()).isEqualTo(409);
            assertThat(error(refused)).contains("group '" + broadcasting + "' on topic '" + topic + "'",
                    "broadcasting mode", "Nothing was changed", "\"skipRefused\": true");
            assertThat(refusedPairs(refused)).extracting(RefusedPair::group).containsExactly(broadcasting);
            assertThat(committed(admin, List.of(movable), topic)).as("nothing moved").isEqualTo(before);

            WebEndpointResponse<Object> skipped = rewind(endpoint, OPERATOR, topic, null, "false", "true", null);
            assertThat(skipped.getStatus()).as("%s", skipped.getBody()).isEqualTo(200);
            assertThat(list(skipped, "pairs")).singleElement().satisfies(pair -> {
                assertThat(pair.get("group")).isEqualTo(movable);
                assertThat(pair.get("status").toString()).isEqualTo("MOVED");
            });
            assertThat(refusedPairs(skipped)).extracting(RefusedPair::group).containsExactly(broadcasting);
            before.get(movable).forEach((queue, offset) -> assertThat(committed(admin, List.of(movable), topic)
                    .get(movable).get(queue)).isEqualTo(offset - 3));
        }
    }

    @Test
    void wrongCombinationsAndUsersAreRefusedBeforeAnythingMoves(EmbeddedRocketMq mq) {
        BacktrackEndpoint endpoint = endpoint(mq);
        WebEndpointResponse<Object> unknown = rewind(endpoint, OPERATOR, "endpoint-batch-none", null, "false", null,
                null);
        assertThat(unknown.getStatus()).as("%s", unknown.getBody()).isEqualTo(404);
        assertThat(error(unknown)).contains("endpoint-batch-none");
        WebEndpointResponse<Object> noGroup = endpoint.rewind(OPERATOR, null, null, null, null, null, "-3", null,
                null, "false", null, null, null, "true", null);
        assertThat(noGroup.getStatus()).isEqualTo(400);
        assertThat(error(noGroup)).isEqualTo("\"allTopics\": true needs 'group'; accepted: 'binding', or 'group' "
                + "and 'topic' (one group on one topic); 'topic' with \"allGroups\": true (every group of the topic); "
                + "or 'group' with \"allTopics\": true (the group on every topic it consumes)");
        assertThat(rewind(endpoint, EndpointTestSupport.withoutRole(null), "t", null, "false", null, null)
                .getStatus()).isEqualTo(401);
        assertThat(rewind(endpoint, EndpointTestSupport.withoutRole("viewer"), "t", null, "false", null, null)
                .getStatus()).isEqualTo(403);
    }

    @Test
    void aBatchThatFailsPartWayAnswersTheFailuresStatusWithEveryPairNever200() {
        BatchMoveFailedException failure = new BatchMoveFailedException("The rewind of every group of topic 't'",
                "b1", List.of(new BatchStep<>("g1", "t", BatchStep.Status.MOVED, null, null),
                        new BatchStep<>("g2", "t", BatchStep.Status.FAILED, null, "broker-a did not answer"),
                        new BatchStep<>("g3", "t", BatchStep.Status.NOT_ATTEMPTED, null, null)));
        WebEndpointResponse<Object> answer = BatchRewindResponse.failedPartWay(failure);
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(body(answer)).containsEntry("batch", "b1").containsEntry("moved", 1L);
        assertThat(error(answer)).contains("(batch b1) failed part way", "group 'g2' on topic 't': FAILED: broker-a "
                + "did not answer", "group 'g3' on topic 't': not attempted");
        assertThat(list(answer, "pairs")).extracting(p -> p.get("group") + " " + p.get("status") + " "
                + p.get("reason")).containsExactly("g1 MOVED null", "g2 FAILED broker-a did not answer",
                        "g3 NOT_ATTEMPTED null");
    }

    private static BacktrackEndpoint endpoint(EmbeddedRocketMq mq) {
        return EndpointTestSupport.endpoint(JOURNAL, new ConsumerBinding("input", "endpoint-batch", "endpoint-batch-a",
                null, null, mq.nameServerAddress(), null, null));
    }

    /** Every group of {@code topic} shifted back by 3 messages per queue. */
    static WebEndpointResponse<Object> rewind(BacktrackEndpoint endpoint, SecurityContext user, String topic,
            String group, String dryRun, String skipRefused, String queues) {
        return endpoint.rewind(user, null, group, topic, null, null, "-3", null, queues, dryRun, null, null, "true",
                null, skipRefused);
    }

    private static WebEndpointResponse<Object> undo(BacktrackEndpoint endpoint, String id, String dryRun) {
        return endpoint.operation(OPERATOR, "undo", null, null, null, null, null, null, dryRun, null, id, null, null,
                null, null, null);
    }

    private static void consumedToTheEnd(RocketMqAdmin admin, String group, String topic) {
        for (QueueAddress queue : admin.queues(topic)) {
            admin.ensureGroup(queue.brokerAddress(), group);
            admin.writeOffset(queue.brokerAddress(), group, queue.queue(),
                    admin.maxOffset(queue.brokerAddress(), queue.queue()));
        }
    }

    private static Map<String, Map<MessageQueue, Long>> committed(RocketMqAdmin admin, List<String> groups,
            String topic) {
        Map<String, Map<MessageQueue, Long>> offsets = new HashMap<>();
        groups.forEach(group -> offsets.put(group, admin.committedOffsets(group, admin.queues(topic))));
        return offsets;
    }

    @SuppressWarnings("unchecked")
    private static List<RefusedPair> refusedPairs(WebEndpointResponse<Object> response) {
        return (List<RefusedPair>) body(response).get("refused");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(WebEndpointResponse<Object> response, String field) {
        return (List<Map<String, Object>>) body(response).get(field);
    }
}
